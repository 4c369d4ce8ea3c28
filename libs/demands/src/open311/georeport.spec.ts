import { XMLParser } from 'fast-xml-parser';
import { DEMAND_STATUSES, ValidationError } from '@yishi/domain';
import { errorsDocument, requestsDocument } from './georeport-documents';
import { open311Status, parseRequestsFilter, w3Time, WINDOW_DAYS } from './georeport';
import { ledgerContent, parseSubmission } from './open311-submission';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-07T12:00:00+08:00');

describe('GeoReport v2 over the ledger (pure)', () => {
  it('calls only finished demands closed; one in a case is still open', () => {
    const closed = DEMAND_STATUSES.filter((s) => open311Status(s) === 'closed');
    expect(closed).toEqual(['closed', 'withdrawn', 'merged']);
    expect(open311Status('in-case')).toBe('open');
    expect(open311Status('resolved')).toBe('open');
  });

  it('writes times in China Standard Time, whole seconds', () => {
    expect(w3Time('2026-12-07T01:30:15.123Z')).toBe('2026-12-07T09:30:15+08:00');
  });

  it('defaults to the last 90 days and never spans more', () => {
    const all = parseRequestsFilter({}, NOW);
    expect(Date.parse(all.to) - Date.parse(all.from)).toBe(WINDOW_DAYS * DAY);
    expect(all.to).toBe(new Date(NOW).toISOString());
    const from = parseRequestsFilter({ start_date: '2026-01-01' }, NOW);
    expect(from.from).toBe('2025-12-31T16:00:00.000Z');
    expect(Date.parse(from.to) - Date.parse(from.from)).toBe(WINDOW_DAYS * DAY);
    const day = parseRequestsFilter({ start_date: '2026-03-05', end_date: '2026-03-05' }, NOW);
    expect(Date.parse(day.to) - Date.parse(day.from)).toBe(DAY);
    expect(() =>
      parseRequestsFilter({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01' }, NOW),
    ).toThrow(ValidationError);
    expect(() => parseRequestsFilter({ start_date: '2026-01-01T00:00:00' }, NOW)).toThrow(
      /start_date/,
    );
    const repeated = parseRequestsFilter(
      { status: ['open', 'closed'], service_code: 'noise,parking' },
      NOW,
    );
    expect(repeated).toMatchObject({
      statuses: ['open', 'closed'],
      serviceCodes: ['noise', 'parking'],
    });
  });

  it('reads the form: every problem named, a Chinese name family first, extras ignored', () => {
    const ok = parseSubmission({
      api_key: ' k ',
      service_code: 'noise',
      lat: '39.9',
      long: '116.4',
      first_name: '小明',
      last_name: '王',
      'attribute[X]': '1',
    });
    expect(ok).toMatchObject({ apiKey: 'k', name: '王小明', point: { lat: 39.9, long: 116.4 } });
    expect(
      parseSubmission({
        service_code: 'x',
        address_id: '',
        address_string: 'a',
        first_name: 'John',
        last_name: 'Smith',
      }).name,
    ).toBe('John Smith');
    try {
      parseSubmission({ lat: 'north', email: 'nobody', media_url: 'javascript:alert(1)' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const fields = (error as ValidationError).details.fields as { field: string }[];
      expect(fields.map((f) => f.field).sort()).toEqual([
        'email',
        'long',
        'media_url',
        'service_code',
      ]);
    }
    expect(() =>
      parseSubmission({ service_code: 'noise', address_string: 'x'.repeat(501) }),
    ).toThrow(/address_string/);
    expect(
      ledgerContent(
        parseSubmission({ service_code: 'noise', lat: '1', long: '2', email: 'a@b.cn' }),
        '噪音扰民',
      ),
    ).toBe('噪音扰民（提交人未填写描述）\n位置：纬度 1，经度 2\n邮箱：a@b.cn');
  });

  it('writes XML that parses, whatever the text holds', () => {
    const xml = requestsDocument(
      [{ service_request_id: 'XY-1', service_notice: 'a<b>&"c"\u0007 路灯', account_id: null }],
      'xml',
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests>')).toBe(true);
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml) as {
      service_requests: { request: Record<string, string> };
    };
    expect(parsed.service_requests.request.service_notice).toBe('a<b>&"c"\uFFFD 路灯');
    expect(errorsDocument([], 'xml')).toContain('<errors></errors>');
    expect(errorsDocument([{ code: 403, description: '无效' }], 'json')).toBe(
      '[{"code":403,"description":"无效"}]',
    );
  });
});
