import type { TaggedManifest } from './ecr-repository.js';

/**
 * What to do when requested tags already exist. In an immutable repository a re-run (GitHub's "re-run jobs")
 * cannot push its new build under the same tags, and should not have to: the image those tags name is the
 * result. In a mutable repository tags are meant to move, so it builds again.
 */
export type TagDecision =
  | { readonly action: 'build' }
  | { readonly action: 'reuse'; readonly image: TaggedManifest; readonly missing: readonly string[] }
  | { readonly action: 'conflict'; readonly message: string };

export function decideTags(
  repository: string,
  mutability: 'MUTABLE' | 'IMMUTABLE',
  tags: readonly string[],
  found: readonly TaggedManifest[],
): TagDecision {
  if (found.length === 0 || mutability === 'MUTABLE') return { action: 'build' };
  const digests = new Set(found.map((f) => f.digest));
  if (digests.size > 1) {
    return {
      action: 'conflict',
      message: `tags of immutable repository ${repository} already name different images (${found.map((f) => `${f.tag}=${f.digest}`).join(', ')}): choose new tags`,
    };
  }
  return { action: 'reuse', image: found[0]!, missing: tags.filter((t) => !found.some((f) => f.tag === t)) };
}
