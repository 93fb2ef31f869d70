import type { CheckInRequest, DeviceType, Urgency } from '@repairhub/contracts';

/** The check-in form as staff filled it in. */
export interface CheckInFormValue {
  customer: { name: string; email: string; phone: string };
  /** One of the chosen customer's devices, or '' for a new one. */
  deviceId: string;
  device: { type: DeviceType; brand: string; model: string; serialNumber: string };
  issueDescription: string;
  urgency: Urgency;
  condition: string;
  accessories: string[];
  /** Anything else left with the device, comma-separated. */
  otherAccessories: string;
  depositNote: string;
  assignToMe: boolean;
}

const present = (text: string): string | undefined => text.trim() || undefined;

/**
 * The request for `POST /repairs/check-in`: empty optional fields are left out (the server refuses an
 * empty email or phone rather than guessing), ticked and typed accessories are merged without repeats,
 * and a chosen device replaces the new-device fields.
 */
export function toCheckInRequest(value: CheckInFormValue, isTechnician: boolean): CheckInRequest {
  const typed = value.otherAccessories.split(',').map((a) => a.trim()).filter(Boolean);
  const accessories = [...new Set([...value.accessories, ...typed])];
  const serialNumber = present(value.device.serialNumber);
  return {
    customer: { name: value.customer.name.trim(), email: present(value.customer.email), phone: present(value.customer.phone) },
    ...(value.deviceId
      ? { deviceId: value.deviceId }
      : { device: { type: value.device.type, brand: value.device.brand.trim(), model: value.device.model.trim(), ...(serialNumber ? { serialNumber } : {}) } }),
    issueDescription: value.issueDescription.trim(),
    urgency: value.urgency,
    condition: present(value.condition),
    accessories: accessories.length ? accessories : undefined,
    depositNote: present(value.depositNote),
    ...(isTechnician ? { assignToMe: value.assignToMe } : {}),
  };
}
