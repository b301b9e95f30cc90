import { sandboxRivers } from './sandbox-rivers';

/** An operation as the sandbox keeps it: activation, disabling, validation, or a run's cancellation. */
export interface OperationRecord {
  operation_id: string;
  operation_type: string;
  /** The run a cancellation is about. */
  run_id?: string;
  /** The run group a cancellation is about. */
  groupId?: string;
  river_cross_id: string;
  startedAt: number;
  /** When it ends on the sandbox clock. */
  endsAt: number;
  result: unknown;
  error?: string;
}

/**
 * Operations the sandbox environment already has, as Boomi's reference describes them: river
 * activation and validation, not runs. Their ids are fixed so that tests and demos can read them.
 */
export const sandboxOperationIds = {
  /** Activating the first river: ended `D`. */
  activation: '64c1a0c2e4b0a1b2c3d40001',
  /** Validating the failing river: ended `E` with an `error_message`. */
  failedValidation: '64c1a0c2e4b0a1b2c3d40002',
  /** Disabling a river, still running: `R` for an hour of the sandbox clock. */
  runningDisable: '64c1a0c2e4b0a1b2c3d40003',
} as const;

/** The seeded operations, started at `now`. */
export function seededOperations(now: number): OperationRecord[] {
  return [
    {
      operation_id: sandboxOperationIds.activation,
      operation_type: 'activate_river',
      river_cross_id: sandboxRivers[0]!.cross_id,
      startedAt: now - 60_000,
      endsAt: now - 55_000,
      result: { river_status: 'active' },
    },
    {
      operation_id: sandboxOperationIds.failedValidation,
      operation_type: 'validate',
      river_cross_id: sandboxRivers[2]!.cross_id,
      startedAt: now - 30_000,
      endsAt: now - 28_000,
      result: null,
      error: 'Validation failed: the source connection could not be reached',
    },
    {
      operation_id: sandboxOperationIds.runningDisable,
      operation_type: 'disable_river',
      river_cross_id: sandboxRivers[1]!.cross_id,
      startedAt: now,
      endsAt: now + 3_600_000,
      result: null,
    },
  ];
}
