import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { SERVICE_CODES } from '@nuanxin/shared';
import fc from 'fast-check';
import { createValidationPipe } from '../src/common/validation';
import { NearbyQuery } from '../src/stations/dto/station.dto';

/**
 * NearbyQuery.fastParse lets well-formed nearby queries skip class-validator. It must never accept what the
 * decorators refuse, and must give the same values when it accepts.
 */
describe('NearbyQuery.fastParse agrees with the validation decorators', () => {
  const pipe = createValidationPipe();
  const meta: ArgumentMetadata = { type: 'query', metatype: NearbyQuery, data: undefined };
  /** The decorators alone (the base pipe, without the fast path). */
  const decorators = (raw: object) =>
    (ValidationPipe.prototype.transform.call(pipe, raw, meta) as Promise<NearbyQuery>).then(
      (v) => ({ ok: true as const, value: { ...v } }),
      () => ({ ok: false as const }),
    );

  const value = fc.oneof(
    fc.double({ noNaN: false }).map(String),
    fc.integer({ min: -5, max: 80 }).map(String),
    fc.constantFrom('24.4637', '118.0978', '1e1', '0x10', '1.0', '0.1', '0.05', '50', '50.5', '', ' 3', 'Infinity', 'NaN', 'true', 'false', '1', '0', 'yes', '-0'),
    fc.subarray([...SERVICE_CODES.slice(0, 12), 'nope', '', ' water_hot']).map((l) => l.join(',')),
    fc.string({ maxLength: 12 }),
  );
  const key = fc.constantFrom('lat', 'lng', 'limit', 'radiusKm', 'services', 'openNow', 'foo', 'LAT');
  const latLng = fc.record({ lat: fc.double({ min: 3, max: 54, noNaN: true }).map(String), lng: fc.double({ min: 73, max: 136, noNaN: true }).map(String) });
  const query = fc
    .tuple(latLng, fc.dictionary(key, fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 2 }) }), { maxKeys: 4 }))
    .map(([pos, rest]) => ({ ...pos, ...rest }));

  it('accepts only what the decorators accept, with equal values', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(query, async (raw) => {
        const fast = NearbyQuery.fastParse(raw);
        if (fast === undefined) return;
        accepted++;
        const slow = await decorators(raw);
        expect(slow.ok).toBe(true);
        if (slow.ok) expect({ ...fast }).toEqual(slow.value);
      }),
      { numRuns: 3000 },
    );
    // The property says something only if the fast path was taken often enough.
    expect(accepted).toBeGreaterThan(30);
  });

  it('takes the fast path for what the app sends', async () => {
    const raw = { lat: '24.463712', lng: '118.097801', limit: '20', radiusKm: '10', services: 'microwave,water_hot', openNow: 'true' };
    const fast = NearbyQuery.fastParse(raw);
    expect(fast).toBeInstanceOf(NearbyQuery);
    expect({ ...fast }).toEqual({ lat: 24.463712, lng: 118.097801, limit: 20, radiusKm: 10, services: ['microwave', 'water_hot'], openNow: true });
    expect(await decorators(raw)).toEqual({ ok: true, value: { ...fast } });
  });

  it('leaves bad input to the decorators, which word the errors', async () => {
    for (const raw of [{ lat: '24.4' }, { lat: 'x', lng: '118' }, { lat: '24', lng: '118', limit: '51' }, { lat: '24', lng: '118', services: 'nope' }, { lat: '24', lng: '118', foo: '1' }]) {
      expect(NearbyQuery.fastParse(raw)).toBeUndefined();
      await expect(pipe.transform(raw, meta)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });
});
