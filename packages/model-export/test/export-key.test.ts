import type { ResolvedModel } from '@mlops-actions/mlflow';
import { exportId, exportNames, exportTagging, finalFolder, keySafe, stagingPrefix } from '../src/export-key.js';
import { partSizeFor } from '../src/s3-multipart.js';

const model: ResolvedModel = {
  uri: 'models:/bikeshare_risk/Staging',
  name: 'bikeshare_risk',
  version: '7',
  runId: 'abc123',
  source: 'mlflow-artifacts:/1/abc123/artifacts/model',
  downloadUri: 'mlflow-artifacts:/1/abc123/artifacts/model',
  stage: 'Staging',
  aliases: [],
  createdAt: 0,
};

it('derives <prefix><model>/v<version>-<sha256[:16]>/ and a staging prefix beside it', () => {
  const names = exportNames('sagemaker/models/', model, undefined);
  expect(finalFolder(names, 'a'.repeat(64))).toBe(`sagemaker/models/bikeshare_risk/v7-${'a'.repeat(16)}/`);
  expect(stagingPrefix(names)).toBe('sagemaker/models/bikeshare_risk/.staging/v7-');
  const run = exportNames('', { ...model, name: undefined, version: undefined }, 'model/sub dir');
  expect(finalFolder(run, 'b'.repeat(64))).toBe(`runs/abc123/model_sub_dir-${'b'.repeat(16)}/`);
});

it('keeps keys to S3-safe characters', () => {
  expect(keySafe('Bike Share/risk#1')).toBe('Bike_Share_risk_1');
  expect(keySafe('..')).toBe('_');
});

it('gives the same export id for the same files and a different one when anything differs', () => {
  const files = [{ path: 'MLmodel', size: 10 }];
  expect(exportId(model, files, 'gzip')).toBe(exportId(model, [{ path: 'MLmodel', size: 10 }], 'gzip'));
  expect(exportId(model, files, 'gzip')).not.toBe(exportId(model, files, 'none'));
  expect(exportId(model, files, 'gzip')).not.toBe(exportId(model, [{ path: 'MLmodel', size: 11 }], 'gzip'));
  expect(exportId(model, files, 'gzip')).not.toBe(
    exportId({ ...model, downloadUri: 'mlflow-artifacts:/1/other/artifacts/model' }, files, 'gzip'),
  );
});

it('writes tags S3 accepts', () => {
  const tags = new URLSearchParams(exportTagging({ ...model, name: 'risk#ü!' }, 'f'.repeat(64)));
  expect(tags.get('mlflow-model-name')).toBe('risk_ü_');
  expect(tags.get('mlflow-source')).toBe('mlflow-artifacts:/1/abc123/artifacts/model');
  expect(tags.get('sha256')).toBe('f'.repeat(64));
});

it('sizes parts within S3 limits', () => {
  expect(partSizeFor(100)).toBe(8 * 1024 * 1024);
  const huge = 200 * 1024 ** 3;
  expect(Math.ceil(huge / partSizeFor(huge))).toBeLessThanOrEqual(10_000);
});
