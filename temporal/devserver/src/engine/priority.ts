/**
 * Task priority (`temporal.api.common.v1.Priority`): a zero or empty field means "inherit from the calling
 * workflow", so children and activities take each unset field from the workflow that started them.
 */
import { common } from '../proto';

/** Priority as kept in run state: only the fields that are set, as plain JSON. */
export interface PriorityState {
  priorityKey?: number;
  fairnessKey?: string;
  fairnessWeight?: number;
}

/** The set fields of a request's priority; undefined when none is set. */
export function priorityState(p: common.IPriority | null | undefined): PriorityState | undefined {
  const state: PriorityState = {};
  if (p?.priorityKey) state.priorityKey = p.priorityKey;
  if (p?.fairnessKey) state.fairnessKey = p.fairnessKey;
  if (p?.fairnessWeight) state.fairnessWeight = p.fairnessWeight;
  return Object.keys(state).length > 0 ? state : undefined;
}

/** `own` fields where set, else the workflow's (`inherited`); undefined when neither sets any. */
export function mergePriority(inherited: PriorityState | undefined, own: common.IPriority | null | undefined): PriorityState | undefined {
  const merged = { ...inherited, ...priorityState(own) };
  return Object.keys(merged).length > 0 ? merged : undefined;
}
