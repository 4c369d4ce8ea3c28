import { amzDate, sha256, signV4, uriEncode } from './sigv4';

/** The worked examples of the Amazon S3 API reference ("Signature Calculations … Examples"). */
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const EMPTY = sha256('');

describe('AWS Signature Version 4', () => {
  it('signs the reference GET Object example', () => {
    const { authorization } = signV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { range: 'bytes=0-9' },
        payloadHash: EMPTY,
        amzDate: '20130524T000000Z',
      },
      credentials,
    );
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('signs the reference PUT Object example', () => {
    const body = 'Welcome to Amazon S3.';
    const { authorization } = signV4(
      {
        method: 'PUT',
        url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
        headers: {
          date: 'Fri, 24 May 2013 00:00:00 GMT',
          'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        },
        payloadHash: sha256(body),
        amzDate: '20130524T000000Z',
      },
      credentials,
    );
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, ' +
        'Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('signs the reference GET Bucket lifecycle example (a query without a value)', () => {
    const { authorization } = signV4(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/?lifecycle'),
        headers: {},
        payloadHash: EMPTY,
        amzDate: '20130524T000000Z',
      },
      credentials,
    );
    expect(authorization).toContain(
      'Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
    );
  });

  it('encodes paths and query values as S3 does', () => {
    expect(uriEncode('证据/a b+c', true)).toBe('%E8%AF%81%E6%8D%AE/a%20b%2Bc');
    expect(uriEncode('a/b', false)).toBe('a%2Fb');
    expect(amzDate(new Date('2013-05-24T00:00:00.123Z'))).toBe('20130524T000000Z');
  });
});
