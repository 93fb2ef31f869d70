import { Module } from '@nestjs/common';
import { AppConfig } from '../config/configuration.js';
import { DevicesController } from './devices.controller.js';
import { DevicesService } from './devices.service.js';
import { SerialCipher } from './serial-cipher.js';

@Module({
  controllers: [DevicesController],
  providers: [DevicesService, { provide: SerialCipher, useFactory: (config: AppConfig) => new SerialCipher(config.serialKeys), inject: [AppConfig] }],
  exports: [DevicesService, SerialCipher],
})
export class DevicesModule {}
