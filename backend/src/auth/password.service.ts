import { Injectable, OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@repairhub/contracts';
import { AppConfig } from '../config/configuration.js';
import { invalid } from '../common/errors/domain-error.js';

/** Only the head of a long passphrase is scored; zxcvbn is quadratic in length. */
const SCORED_PREFIX = 64;

@Injectable()
export class PasswordService implements OnModuleInit {
  private dummyHash = '';
  private readonly strength = new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    // Verifying unknown emails against a real hash keeps their timing like a wrong password's.
    this.dummyHash = await this.hash('dummy-password-for-timing-only');
  }

  hash(password: string): Promise<string> {
    const { memoryCost, timeCost, parallelism } = this.config.auth.argon2;
    return argon2.hash(password, { type: argon2.argon2id, memoryCost, timeCost, parallelism });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      const ok = await argon2.verify(hash ?? this.dummyHash, password);
      return hash !== null && ok;
    } catch {
      return false;
    }
  }

  /** Length rules come from the DTO; this refuses passwords found in common-password lists. */
  assertAcceptable(password: string, context: string[] = [], field = 'password'): void {
    if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
      throw invalid('AUTH.WEAK_PASSWORD', `Password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`, field);
    }
    const result = this.strength.check(password.slice(0, SCORED_PREFIX), context);
    if (result.score === 0) {
      throw invalid('AUTH.WEAK_PASSWORD', 'This password is too common or easy to guess. Choose a longer or less common one.', field);
    }
  }
}
