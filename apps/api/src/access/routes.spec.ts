import { Controller, Get, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Can } from '@yishi/access';
import { RouteCoverageCheck } from './routes';

@Controller('things')
class CoveredController {
  @Get()
  @Can('me.read')
  list(): string {
    return 'ok';
  }
}

@Controller('things')
class UncoveredController {
  @Post(':thingId')
  create(): string {
    return 'ok';
  }
}

async function start(controllers: (new () => unknown)[]): Promise<void> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers,
    providers: [RouteCoverageCheck],
  }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  try {
    await app.init();
  } finally {
    await app.close();
  }
}

describe('route coverage at start', () => {
  it('starts when every route names an action', async () => {
    await expect(start([CoveredController])).resolves.toBeUndefined();
  });

  it('refuses to start with a route missing from the permission table, naming it', async () => {
    await expect(start([CoveredController, UncoveredController])).rejects.toThrow(
      'POST /api/v1/things/:thingId (UncoveredController.create)',
    );
  });
});
