// The HTTP ceiling: bare node:http that parses the same JSON body and answers
// 201 with a body of the same shape as the service's, touching no database.
const { createServer } = require('node:http');

const port = Number(process.env.PORT ?? 3999);

createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const body = JSON.stringify({ uuid: message.uuid, status: 'counted' });
    response.writeHead(201, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  });
}).listen(port, '127.0.0.1', () => process.send?.('listening'));
