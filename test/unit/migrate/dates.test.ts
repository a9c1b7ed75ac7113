import * as assert from 'node:assert/strict';
import { apiDate, dateQuestions, guessDateFormat, isKnownTimeZone, parseForeignDate, type ForeignDateResult } from '../../../src/migrate/dates';

const api = (r: ForeignDateResult): string | undefined => (r.ok ? r.date.api : undefined);
const problem = (r: ForeignDateResult): string | undefined => (r.ok ? undefined : r.problem);
const MSK = { iana: 'Europe/Moscow' };
const BERLIN = { iana: 'Europe/Berlin' };

describe('migrate/dates', () => {
  it('reads Jira REST dates, which carry their offset', () => {
    assert.equal(api(parseForeignDate('2013-10-26T20:06:23.853+0000', { format: 'iso' })), '2013-10-26T20:06:23.853+0000');
    assert.equal(api(parseForeignDate('2020-11-08T09:52:06.245-0700', { format: 'iso' })), '2020-11-08T09:52:06.245-0700');
    assert.equal(api(parseForeignDate('2024-07-26T16:22:23.916+0530', { format: 'iso' })), '2024-07-26T16:22:23.916+0530');
  });

  it("reads Jira CSV's default format in the zone the user names", () => {
    assert.equal(api(parseForeignDate('12/Mar/24 3:04 PM', { format: 'd/MMM/y', zone: MSK })), '2024-03-12T15:04:00.000+0300');
    assert.equal(api(parseForeignDate('25/Feb/26 10:17 PM', { format: 'd/MMM/y', zone: { offsetMinutes: 0 } })), '2026-02-25T22:17:00.000+0000');
    assert.equal(api(parseForeignDate('12/Mar/24 12:04 AM', { format: 'd/MMM/y', zone: MSK })), '2024-03-12T00:04:00.000+0300');
    assert.equal(api(parseForeignDate('12/мар/24 15:04', { format: 'd/MMM/y', zone: MSK })), '2024-03-12T15:04:00.000+0300');
    assert.equal(api(parseForeignDate('1/Jan/2024', { format: 'd/MMM/y', zone: { offsetMinutes: -330 } })), '2024-01-01T00:00:00.000-0530');
  });

  it('reads day-first, month-first and year-first numbers', () => {
    assert.equal(api(parseForeignDate('12.03.2024 15:04', { format: 'd.M.y', zone: MSK })), '2024-03-12T15:04:00.000+0300');
    assert.equal(api(parseForeignDate('6/21/2025 16:14', { format: 'M/d/y', zone: { offsetMinutes: -420 } })), '2025-06-21T16:14:00.000-0700');
    assert.equal(api(parseForeignDate('2026-02-25 16:38:58.679', { format: 'y-M-d', zone: { offsetMinutes: 60 } })), '2026-02-25T16:38:58.679+0100');
  });

  it('follows daylight saving time in an IANA zone', () => {
    assert.equal(api(parseForeignDate('15.01.2024 10:00', { format: 'd.M.y', zone: BERLIN })), '2024-01-15T10:00:00.000+0100');
    assert.equal(api(parseForeignDate('15.07.2024 10:00', { format: 'd.M.y', zone: BERLIN })), '2024-07-15T10:00:00.000+0200');
    const r = parseForeignDate('15.07.2024 10:00', { format: 'd.M.y', zone: BERLIN });
    assert.ok(r.ok);
    assert.equal(r.date.ms, Date.parse('2024-07-15T08:00:00Z'));
    assert.equal(isKnownTimeZone('Europe/Moscow'), true);
    assert.equal(isKnownTimeZone('Mars/Olympus'), false);
  });

  it('says what is wrong: no zone for a local time, not the format, not a real day', () => {
    assert.equal(problem(parseForeignDate('12/Mar/24 3:04 PM', { format: 'd/MMM/y' })), 'needsZone');
    assert.equal(problem(parseForeignDate('12/Mar/24 3:04 PM', { format: 'd.M.y', zone: MSK })), 'format');
    assert.equal(problem(parseForeignDate('31.02.2024 10:00', { format: 'd.M.y', zone: MSK })), 'invalid');
    assert.equal(problem(parseForeignDate('12/Mar/24 13:04 PM', { format: 'd/MMM/y', zone: MSK })), 'format');
    assert.equal(problem(parseForeignDate('2024-03-12T15:04:00', { format: 'iso' })), 'noZone');
    assert.equal(problem(parseForeignDate(' ', { format: 'iso' })), 'empty');
  });

  describe('guessDateFormat', () => {
    it('knows a file whose dates say their zone', () => {
      const g = guessDateFormat(['2013-10-26T20:06:23.853+0000', '2024-07-26T16:22:23.916+0530']);
      assert.deepEqual(g, { formats: ['iso'], zoneKnown: true, unreadable: [] });
      assert.deepEqual(dateQuestions(g), { format: false, zone: false });
    });

    it("knows Jira's month names but asks for the zone", () => {
      const g = guessDateFormat(['25/Feb/26 10:17 PM', '12/Feb/26 7:10 PM']);
      assert.deepEqual(g.formats, ['d/MMM/y']);
      assert.deepEqual(dateQuestions(g), { format: false, zone: true });
    });

    it('asks day-first or month-first until a day over 12 tells', () => {
      assert.deepEqual(guessDateFormat(['05/06/2024 10:00', '01/02/2024 09:00']).formats, ['d.M.y', 'M/d/y']);
      assert.deepEqual(dateQuestions(guessDateFormat(['05/06/2024 10:00'])), { format: true, zone: true });
      assert.deepEqual(guessDateFormat(['05/06/2024 10:00', '21/06/2024 10:00']).formats, ['d.M.y']);
      assert.deepEqual(guessDateFormat(['6/21/2025 16:14', '6/1/2025 9:00']).formats, ['M/d/y']);
      assert.deepEqual(guessDateFormat(['12.03.2024 15:04']).formats, ['d.M.y']);
    });

    it('lists what no format reads', () => {
      const g = guessDateFormat(['12.03.2024 15:04', 'yesterday']);
      assert.deepEqual(g.unreadable, ['yesterday']);
      assert.deepEqual(g.formats, ['d.M.y']);
    });
  });

  it('apiDate writes an instant with any offset', () => {
    assert.equal(apiDate(Date.parse('2024-01-01T00:30:00Z'), -60).api, '2023-12-31T23:30:00.000-0100');
    assert.equal(apiDate(Date.parse('2024-01-01T00:30:00Z'), 345).api, '2024-01-01T06:15:00.000+0545');
  });
});
