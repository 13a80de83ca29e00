// The one 繁體 conversion: the zh-TW interface (web/src/i18n/zh-TW.json is generated with it),
// the 繁體 toggle and the data shown in zh-TW all go through it, so a word never reads two ways.
// Mainland terms in traditional characters (审核 → 審核, 发布 → 發佈, 登录 → 登錄): the people who
// read 繁體 here work in the same organisation as everyone else, not in Taiwan (稽核, 釋出 would be
// other words to them).
import * as OpenCC from 'opencc-js/cn2t';

export const makeToTraditional = (): ((s: string) => string) => OpenCC.Converter({ from: 'cn', to: 'tw' });
