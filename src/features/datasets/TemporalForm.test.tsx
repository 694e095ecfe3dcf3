// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TemporalForm } from './TemporalForm';

type Generate = Parameters<typeof TemporalForm>[0]['onGenerate'];
type Spec = Parameters<Generate>[0];

beforeEach(() => {
  window.history.replaceState(null, '', '/datasets');
});
afterEach(cleanup);

function renderForm(query = '', busy = false) {
  const calls: { spec: Spec; name: string }[] = [];
  render(
    <TemporalForm
      query={new URLSearchParams(query)}
      busy={busy}
      onGenerate={(spec, name) => calls.push({ spec, name })}
    />,
  );
  return calls;
}

const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string | RegExp, value: string) => fireEvent.change(input(label), { target: { value } });
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
const alerts = () => screen.queryAllByRole('alert').map((a) => a.textContent);
/** The message tied to a field through aria-describedby, as a screen reader reads it. */
function describedError(label: string | RegExp): string | null {
  const id = input(label).getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

describe('temporal dataset form: validation', () => {
  it('refuses a feature window as long as the simulated days, on the window field, and does not submit', () => {
    const calls = renderForm();
    type('Days', '7');
    const message = 'windowDays must be less than days (7): a sample needs one full window before it';
    expect(alerts()).toEqual([message]);
    expect(input('Feature window W (days)').getAttribute('aria-invalid')).toBe('true');
    expect(describedError('Feature window W (days)')).toBe(message);
    expect(input('Days').getAttribute('aria-invalid')).toBeNull();
    // No size estimate for a spec that cannot run.
    expect(screen.queryByText(/samples stored/)).toBeNull();

    submit();
    expect(calls).toEqual([]);
    expect(screen.getByText('Fix the fields marked above.')).toBeTruthy();

    type('Feature window W (days)', '6');
    expect(alerts()).toEqual([]);
    expect(screen.queryByText('Fix the fields marked above.')).toBeNull();
    submit();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.spec).toMatchObject({ days: 7, windowDays: 6 });
  });

  it('refuses an unknown time zone and keeps it from submitting', () => {
    const calls = renderForm();
    type('Time zone', 'Mars/Olympus_Mons');
    expect(describedError('Time zone')).toBe('timeZone must be an IANA time zone name such as Europe/Berlin');
    expect(input('Time zone').getAttribute('aria-invalid')).toBe('true');
    submit();
    expect(calls).toEqual([]);
  });

  it.each([
    ['Days', '731', 'days must be a whole number from 1 to 730'],
    ['Days', '2.5', 'days must be a whole number from 1 to 730'],
    ['Homes', '0', 'homes must be a whole number from 1 to 100000'],
    ['Failure rate (share of devices)', '1.5', 'failureRate must be a number from 0 to 1'],
    ['Missing-data rate', 'lots', 'missingRate must be a number from 0 to 0.5'],
    ['Start date', '1900-01-01', 'startDate must be a real calendar date as YYYY-MM-DD (years 1971–2200)'],
  ])('%s = %s shows “%s” and does not submit', (label, value, message) => {
    const calls = renderForm();
    type(label, value);
    expect(describedError(label)).toBe(message);
    submit();
    expect(calls).toEqual([]);
  });

  it('says nothing about an emptied field until a submit is tried, then names it', () => {
    const calls = renderForm();
    type('Homes', '');
    expect(alerts()).toEqual([]);
    submit();
    expect(calls).toEqual([]);
    expect(alerts()).toEqual(['homes must be a whole number from 1 to 100000']);
  });

  it('refuses a failure-scenario mix whose weights are all zero', () => {
    const calls = renderForm();
    for (const s of ['progressive', 'sudden', 'intermittent', 'battery depletion', 'network issues']) type(s, '0');
    expect(alerts()).toEqual([expect.stringContaining('scenarioMix weights must sum to more than 0')]);
    submit();
    expect(calls).toEqual([]);
  });
});

describe('temporal dataset form: submitting', () => {
  it('submits the spec typed in, with the given name, and puts it in the URL', () => {
    const calls = renderForm();
    type('Name', '  Berlin winter  ');
    type('Homes', '25');
    type('Days', '60');
    type('Start date', '2024-11-01');
    fireEvent.change(screen.getByLabelText('Resolution (minutes)'), { target: { value: '30' } });
    type('Time zone', 'Europe/Berlin');
    fireEvent.change(screen.getByLabelText('Hemisphere'), { target: { value: 'north' } });
    type('Failure rate (share of devices)', '0.2');
    type('Prediction horizon H (days)', '10');
    type('Feature window W (days)', '14');
    type('Sample every (days)', '2');
    type('Noise level (0–1)', '0.1');
    type('Missing-data rate', '0');
    fireEvent.change(screen.getByLabelText('Difficulty'), { target: { value: 'hard' } });
    type('Seed', '7');
    type('sudden', '3');
    type('network issues', '0');
    expect(screen.getByRole('status').textContent).toMatch(
      /^About [\d,]+ devices, [\d,]+ device-steps simulated, [\d,]+ samples stored/,
    );

    submit();
    expect(calls).toEqual([
      {
        name: 'Berlin winter',
        spec: {
          seed: 7,
          homes: 25,
          homeTypeMix: {
            single_family_house: 35,
            apartment: 20,
            condo: 15,
            townhouse: 12,
            ranch_house: 8,
            multi_story: 5,
            cottage: 3,
            studio: 2,
          },
          startDate: '2024-11-01',
          days: 60,
          resolutionMinutes: 30,
          timeZone: 'Europe/Berlin',
          hemisphere: 'north',
          failureRate: 0.2,
          scenarioMix: { progressive: 1, sudden: 3, intermittent: 1, battery_depletion: 1, network_issues: 0 },
          horizonDays: 10,
          windowDays: 14,
          strideDays: 2,
          noise: 0.1,
          missingRate: 0,
          difficulty: 'hard',
        },
      },
    ]);
    const url = new URLSearchParams(window.location.search);
    expect(window.location.pathname).toBe('/datasets');
    expect([url.get('mode'), url.get('days'), url.get('timeZone'), url.get('seed')]).toEqual([
      'temporal',
      '60',
      'Europe/Berlin',
      '7',
    ]);
  });

  it('starts from a shared link’s values and names the dataset after them when no name is typed', () => {
    const calls = renderForm('mode=temporal&homes=12&days=30&seed=99&timeZone=Asia%2FTokyo');
    expect(input('Homes').value).toBe('12');
    expect(input('Days').value).toBe('30');
    expect(input('Time zone').value).toBe('Asia/Tokyo');
    expect(input('Name').placeholder).toBe('Temporal 12 homes × 30 days, seed 99');
    submit();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.name).toBe('Temporal 12 homes × 30 days, seed 99');
    expect(calls[0]?.spec).toMatchObject({
      homes: 12,
      days: 30,
      seed: 99,
      timeZone: 'Asia/Tokyo',
      windowDays: 7,
      horizonDays: 7,
    });
  });

  it('shows a shared link’s bad value at once', () => {
    renderForm('days=5&windowDays=9');
    expect(describedError('Feature window W (days)')).toBe(
      'windowDays must be less than days (5): a sample needs one full window before it',
    );
  });

  it('cannot be submitted while a generation runs', () => {
    const calls = renderForm('', true);
    const button = screen.getByRole('button', { name: 'Generating…' });
    expect(button).toHaveProperty('disabled', true);
    fireEvent.click(button);
    expect(calls).toEqual([]);
  });
});
