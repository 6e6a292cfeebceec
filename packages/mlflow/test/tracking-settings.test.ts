import { trackingSettings } from '../src/index.js';

describe('trackingSettings', () => {
  it('prefers the input, then MLFLOW_TRACKING_URI, and strips trailing slashes', () => {
    expect(trackingSettings('https://mlflow.example.com/', {}).uri).toBe('https://mlflow.example.com');
    expect(trackingSettings(undefined, { MLFLOW_TRACKING_URI: 'http://localhost:5000' })).toEqual({
      uri: 'http://localhost:5000',
      headers: {},
      auth: 'none',
    });
  });

  it('uses a bearer token before basic auth and masks every secret before returning', () => {
    const masked: string[] = [];
    const s = trackingSettings(
      'http://m',
      { MLFLOW_TRACKING_TOKEN: 'tok-123', MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' },
      (x) => masked.push(x),
    );
    expect(s).toEqual({ uri: 'http://m', headers: { authorization: 'Bearer tok-123' }, auth: 'token' });
    expect(masked).toEqual(['tok-123']);
  });

  it('builds basic auth from the environment or from user:pass@ in the URL, which never reaches the printed URI', () => {
    const masked: string[] = [];
    const env = trackingSettings('http://m', { MLFLOW_TRACKING_USERNAME: 'alice', MLFLOW_TRACKING_PASSWORD: 'pw' }, (x) => masked.push(x));
    expect(env.headers.authorization).toBe(`Basic ${Buffer.from('alice:pw').toString('base64')}`);
    expect(masked).toEqual(['pw', Buffer.from('alice:pw').toString('base64')]);
    const inUrl = trackingSettings('https://bob:s%40cret@mlflow.example.com', {}, (x) => masked.push(x));
    expect(inUrl.uri).toBe('https://mlflow.example.com');
    expect(inUrl.headers.authorization).toBe(`Basic ${Buffer.from('bob:s@cret').toString('base64')}`);
    expect(masked).toContain('s@cret');
  });

  it('fails with one line naming tracking-uri when there is no usable URI', () => {
    expect(() => trackingSettings(undefined, {})).toThrow(`input 'tracking-uri' = "": is required when MLFLOW_TRACKING_URI is not set`);
    expect(() => trackingSettings(undefined, { MLFLOW_TRACKING_URI: 'databricks' })).toThrow(
      `input 'tracking-uri' = "databricks": must be an http(s):// URL of an MLflow tracking server (MLFLOW_TRACKING_URI)`,
    );
  });
});
