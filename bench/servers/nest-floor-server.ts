// The framework floor: Nest on Fastify with a POST /messages route that
// answers 201 with a body of the service's shape, and a GET /stats route that
// answers one customer's four yearly items, and does nothing else (no
// validation, auth, logging, metrics or database). What the service spends
// per request beyond this is its own work.
import 'reflect-metadata';
import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

@Controller()
class FloorController {
  @Post('messages')
  ingest(@Body() message: { uuid: string }) {
    return { uuid: message.uuid, status: 'counted' };
  }

  @Get('stats')
  stats(@Query() query: { from: string; to: string; customerId: string }) {
    return {
      from: query.from,
      to: query.to,
      items: ['A', 'B', 'C', 'D'].map((type) => ({
        customerId: Number(query.customerId),
        type,
        messageCount: 365,
        totalAmount: '18250.123',
      })),
      nextCursor: null,
    };
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
