import { v7 } from 'uuid';

/** Ids are UUIDv7 (time-ordered, index-friendly), generated in the application (PostgreSQL 15 has no uuidv7()). */
export const newId = (): string => v7();

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
