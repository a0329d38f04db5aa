// Applies the @nestjs/swagger CLI plugin under ts-jest, with nest-cli.json's options.
const { compilerOptions } = require('../../nest-cli.json');

const swagger = compilerOptions.plugins.find(
  (plugin) => plugin.name === '@nestjs/swagger',
);

module.exports = {
  name: 'nestjs-swagger-transformer',
  version: 1,
  factory: (compiler) =>
    require('@nestjs/swagger/plugin').before(swagger.options, compiler.program),
};
