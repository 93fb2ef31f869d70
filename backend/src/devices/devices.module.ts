import { Module } from '@nestjs/common';
import { AppConfig } from '../config/configuration.js';
import { DevicesController } from './devices.controller.js';
import { DevicesRepository } from './devices.repository.js';
import { DevicesService } from './devices.service.js';
import { SerialCipher } from './serial-cipher.js';

@Module({
  controllers: [DevicesController],
  providers: [DevicesService, DevicesRepository, { provide: SerialCipher, useFactory: (config: AppConfig) => new SerialCipher(config.serialKeys), inject: [AppConfig] }],
  exports: [DevicesService, DevicesRepository, SerialCipher],
})
export class DevicesModule {}
