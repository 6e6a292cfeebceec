import { runAction } from '@mlops-actions/action-kit';
import { GitHubIO } from '@mlops-actions/action-kit/github';
import { main } from './main.js';

await runAction('mlops-actions', main, new GitHubIO());
