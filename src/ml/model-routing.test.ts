import { describe, expect, it } from 'vitest';
import { METRICS } from '../domain/device-types';
import { FEATURE_NAMES } from '../domain/temporal/window-features';
import { compareVersions, currentModel, routeModel, type RoutableModel } from './model-routing';

const model = (
  id: string,
  slot: RoutableModel['slot'],
  version: string,
  over: Partial<RoutableModel> = {},
): RoutableModel => ({
  id,
  kind: 'failure',
  slot,
  featureNames: METRICS,
  version,
  createdAt: 1,
  ...over,
});

describe('versions', () => {
  it('orders semantic versions numerically', () => {
    expect(['1.0.10', '1.0.9', '2.0.0', '1.1.0'].toSorted(compareVersions)).toEqual([
      '1.0.9',
      '1.0.10',
      '1.1.0',
      '2.0.0',
    ]);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
  });

  it('takes the newest model of a slot as current, the highest version on a tie, per feature set and kind', () => {
    const models = [
      model('a', 'apartment', '1.0.9'),
      model('b', 'apartment', '1.0.10'),
      model('c', 'apartment', '1.0.10', { createdAt: 5 }),
      model('t', 'apartment', '1.0.99', { featureNames: FEATURE_NAMES }),
      model('h', 'apartment', '9.0.0', { kind: 'home-type' }),
    ];
    expect(currentModel(models, 'apartment', 'classic')?.id).toBe('c');
    expect(currentModel(models, 'apartment', 'temporal')?.id).toBe('t');
    expect(currentModel(models, 'studio', 'classic')).toBeNull();
  });
});

describe('routing', () => {
  const models = [
    model('g1', 'global', '1.0.0'),
    model('g2', 'global', '1.0.1'),
    model('apt', 'apartment', '1.0.0'),
    model('tg', 'global', '1.0.5', { featureNames: FEATURE_NAMES }),
  ];

  it("routes to the device's home type's model when there is one", () => {
    expect(routeModel(models, 'apartment', 'classic')).toEqual({ model: models[2], routedTo: 'home-type', note: null });
  });

  it('falls back to the current global model with a visible note', () => {
    const r = routeModel(models, 'studio', 'classic');
    expect(r.model.id).toBe('g2');
    expect(r.routedTo).toBe('global');
    expect(r.note).toBe('No classic (11-metric) model for studio homes is stored: the global model answered instead.');
    expect(routeModel(models, null, 'classic').note).toBe('No home type was given: the global model answered.');
    expect(routeModel(models, 'apartment', 'temporal')).toMatchObject({ model: { id: 'tg' }, routedTo: 'global' });
  });

  it('explains what is missing when no model can answer', () => {
    const onlyApartment = [model('apt', 'apartment', '1.0.0')];
    expect(() => routeModel(onlyApartment, 'studio', 'classic')).toThrow(
      /No classic \(11-metric\) model for studio homes and no global model are stored/,
    );
    expect(() => routeModel(onlyApartment, null, 'classic')).toThrow(
      /No global classic \(11-metric\) model is stored: choose the device's home type/,
    );
    expect(() => routeModel([], 'studio', 'temporal')).toThrow(
      /No temporal \(window-feature\) model for studio homes and no global model/,
    );
    expect(() => routeModel([], null, 'temporal')).toThrow(
      'No temporal (window-feature) failure model is stored. Train one on the Training page, or import one.',
    );
  });

  it('with both families in a slot, takes the newest of either, or the newest of the family asked for', () => {
    const models = [
      model('net-old', 'apartment', '1.0.5', { createdAt: 1 }),
      model('trees', 'apartment', '1.0.0', { family: 'trees', createdAt: 5 }),
      // No family: stored before trees existed, so a network.
      model('net', 'apartment', '1.0.6', { createdAt: 3 }),
      model('g-net', 'global', '1.0.0', { family: 'network', createdAt: 9 }),
    ];
    // Versions count per family: the trees' 1.0.0 is newer than the network's 1.0.6.
    expect(currentModel(models, 'apartment', 'classic')?.id).toBe('trees');
    expect(currentModel(models, 'apartment', 'classic', 'network')?.id).toBe('net');
    expect(currentModel(models, 'apartment', 'classic', 'trees')?.id).toBe('trees');
    expect(routeModel(models, 'apartment', 'classic', 'network')).toMatchObject({
      model: { id: 'net' },
      routedTo: 'home-type',
    });
    expect(() => routeModel(models, 'studio', 'classic', 'trees')).toThrow(
      'No classic (11-metric) trees model for studio homes and no global trees model are stored.',
    );
    expect(routeModel(models, 'studio', 'classic', 'network')).toMatchObject({
      model: { id: 'g-net' },
      note: 'No classic (11-metric) network model for studio homes is stored: the global model answered instead.',
    });
  });
});
