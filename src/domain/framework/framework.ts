import { AppError, fieldsFromIssues } from '../errors.ts';
import {
  type Framework,
  type FrameworkArea,
  type FrameworkStage,
  type FrameworkTrack,
  frameworkSchema,
} from './schema.ts';

/**
 * Parses and validates a framework document (JSON text).
 * Throws an `invalid` AppError whose `fields` name every problem by its path in the file.
 */
export function parseFrameworkDocument(text: string): Framework {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('invalid', 'FRAMEWORK_INVALID', `The framework file is not valid JSON: ${detail}`);
  }
  return validateFramework(raw);
}

/** Validates an already-parsed framework document; see parseFrameworkDocument. */
export function validateFramework(raw: unknown): Framework {
  const parsed = frameworkSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = fieldsFromIssues(parsed.error.issues);
    const count = Object.keys(fields).length;
    throw new AppError(
      'invalid',
      'FRAMEWORK_INVALID',
      `The framework file has ${count} problem${count === 1 ? '' : 's'}: ${Object.entries(fields)
        .slice(0, 5)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}${count > 5 ? '; …' : ''}`,
      fields,
    );
  }
  return parsed.data;
}

/** Looks up an area by id, or throws AREA_NOT_FOUND listing the valid ids. */
export function findArea(framework: Framework, areaId: string): FrameworkArea {
  const area = framework.areas.find((a) => a.id === areaId);
  if (!area) {
    throw new AppError(
      'invalid',
      'AREA_NOT_FOUND',
      `Unknown area "${areaId}". Known areas: ${framework.areas.map((a) => a.id).join(', ')}.`,
    );
  }
  return area;
}

/** Resolves a track and stage; with no stage, the track's first stage. Throws on unknown ids. */
export function findStage(
  framework: Framework,
  trackId: string,
  stageId?: string | null,
): { track: FrameworkTrack; stage: FrameworkStage } {
  const track = framework.tracks.find((t) => t.id === trackId);
  if (!track) {
    throw new AppError(
      'invalid',
      'TRACK_NOT_FOUND',
      `Unknown track "${trackId}". Known tracks: ${framework.tracks.map((t) => t.id).join(', ')}.`,
      { track: 'unknown track' },
    );
  }
  const stage = stageId ? track.stages.find((s) => s.id === stageId) : track.stages[0];
  if (!stage) {
    throw new AppError(
      'invalid',
      'STAGE_NOT_FOUND',
      `Track "${trackId}" has no stage "${stageId}". Its stages: ${track.stages.map((s) => s.id).join(', ')}.`,
      { stage: 'unknown stage' },
    );
  }
  return { track, stage };
}

/** Target levels per area for a track and stage, or null when the person has not chosen a path. */
export function targetsFor(
  framework: Framework,
  trackId: string | null,
  stageId: string | null,
): Record<string, number> | null {
  if (!trackId) return null;
  const track = framework.tracks.find((t) => t.id === trackId);
  const stage = track?.stages.find((s) => s.id === stageId) ?? track?.stages[0];
  return stage ? stage.targets : null;
}
