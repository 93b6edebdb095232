import { Module } from '@nestjs/common';
import { JudicialController } from './judicial.controller';

@Module({ controllers: [JudicialController] })
export class JudicialModule {}
