// Entity property rules shared by issue and project properties.
import { badRequest } from './errors';

export const MAX_PROPERTY_BYTES = 32768;

export function checkProperty(key: string, value: unknown): void {
  if (key.length === 0 || key.length > 255)
    throw badRequest('The property key must be between 1 and 255 characters long.');
  if (value === undefined) throw badRequest('The property value must be a valid, non-empty JSON blob.');
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_PROPERTY_BYTES) {
    throw badRequest(`The property value is too long. The maximum length is ${MAX_PROPERTY_BYTES} characters.`);
  }
}

export const propertyMissing = (key: string): string => `The property with key '${key}' does not exist.`;
