// The framework floor: Nest on Fastify with one POST /messages route that
// answers 201 with a body of the service's shape and does nothing else (no
// validation, auth, logging, metrics or database). What the service spends
// per request beyond this is its own work.
import 'reflect-metadata';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

@Controller('messages')
class FloorController {
  @Post()
  ingest(@Body() message: { uuid: string }) {
    return { uuid: message.uuid, status: 'counted' };
  }
}

@Module({ controllers: [FloorController] })
class FloorModule {}

void NestFactory.create(FloorModule, new FastifyAdapter(), {
  logger: false,
}).then(async (app) => {
  await app.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
  process.send?.('listening');
});
