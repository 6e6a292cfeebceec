import { runAction } from '@mlops-actions/action-kit';
import { GitHubIO } from '@mlops-actions/action-kit/github';
import { main } from './main.js';

await runAction('export-mlflow-model', main, new GitHubIO());
