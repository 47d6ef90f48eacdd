import { BadRequestException } from '@nestjs/common';
import type { PermissionCode } from '@lunas/persistence';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationMessage } from '../common/validation-message';
import {
  CancelSubscriptionDto,
  ChangePackageDto,
  ManualActionDto,
  PromiseToPayDto,
  VoidInvoiceDto,
  WaiveFeeDto,
} from './dto/subscription-actions.dto';

type ActionDto = new () => ManualActionDto;

/** The operator actions on a subscription: the body each takes and the permission it needs. */
export const SUBSCRIPTION_ACTIONS = {
  'promise-to-pay': { dto: PromiseToPayDto, permission: 'payment.record' },
  suspend: { dto: ManualActionDto, permission: 'subscription.suspend' },
  unsuspend: { dto: ManualActionDto, permission: 'subscription.unsuspend' },
  'pause-dunning': { dto: ManualActionDto, permission: 'subscription.manage' },
  'resume-dunning': { dto: ManualActionDto, permission: 'subscription.manage' },
  'waive-fee': { dto: WaiveFeeDto, permission: 'credit_note.manage' },
  'change-package': { dto: ChangePackageDto, permission: 'subscription.manage' },
  'void-invoice': { dto: VoidInvoiceDto, permission: 'invoice.void' },
  cancel: { dto: CancelSubscriptionDto, permission: 'subscription.manage' },
  /** Starts a failed workflow again from its last good state. */
  'restart-workflow': { dto: ManualActionDto, permission: 'subscription.manage' },
} as const satisfies Record<string, { dto: ActionDto; permission: PermissionCode }>;

export type SubscriptionActionName = keyof typeof SUBSCRIPTION_ACTIONS;

/** Validates an action's body against its DTO with the same rules as the global validation pipe. */
export async function parseActionBody(dto: ActionDto, body: unknown): Promise<ManualActionDto & Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestException('Isi permintaan harus objek JSON.');
  const instance = plainToInstance(dto, body);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw validationMessage(errors);
  return instance as ManualActionDto & Record<string, unknown>;
}
