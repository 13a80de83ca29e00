import { describe, expect, it } from 'vitest';
import { makeToTraditional } from '../../../web/src/app/a11y/traditional.ts';
import { NOTIFICATION_KINDS, renderNotification } from './messages.ts';

describe('notification text in 繁體', () => {
  it('is the 简体 text through the web app’s one 繁體 conversion (no second wording)', () => {
    const toTrad = makeToTraditional();
    const params = { actorName: 'Li Wei', title: 'T', reason: 'R' };
    for (const kind of NOTIFICATION_KINDS) {
      expect(renderNotification('zh-TW', kind, params), kind).toBe(toTrad(renderNotification('zh-CN', kind, params)));
    }
  });
});
