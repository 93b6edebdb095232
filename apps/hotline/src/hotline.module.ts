import { Module } from '@nestjs/common';
import { HotlineController } from './hotline.controller';

@Module({ controllers: [HotlineController] })
export class HotlineModule {}
