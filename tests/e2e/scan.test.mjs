// The secrets scan that every walk runs when it closes: it must find a secret left in clear
// (so a clean result means something), in any file or the log — in the outbox too, where a mail
// may carry only the one-time code it delivers — and leave exports alone (the slips an
// administrator asked for).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { findSecrets } from './lib.mjs';

test('the secrets scan finds a secret in clear in a file, the outbox or the log, allows a mail its own code and skips exports', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatehouse-scan-'));
  try {
    mkdirSync(path.join(dir, 'outbox'));
    mkdirSync(path.join(dir, 'exports'));
    mkdirSync(path.join(dir, 'nested'));
    writeFileSync(path.join(dir, 'gatehouse.db-wal'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('xxBlue-Otter-Lantern-7yy')]));
    writeFileSync(path.join(dir, 'nested', 'note.txt'), 'JBSWY3DPEHPK3PXP');
    writeFileSync(path.join(dir, 'outbox', 'mail.eml'), 'Your code (OTP #1) is 123456');
    writeFileSync(path.join(dir, 'outbox', 'leak.eml'), 'Your code (OTP #2) is 654321, your password Pelican-Harbour-Sky-2048');
    writeFileSync(path.join(dir, 'exports', 'slips.pdf'), 'Sunrise-Harbor-42');
    // Mails beyond ASCII are base64: read decoded, a Chinese mail may carry its own code, and a
    // password inside an encoded body is found all the same.
    const mail = (body) =>
      `Subject: =?utf-8?b?${Buffer.from('MIMS OTP').toString('base64')}?=\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(body).toString('base64')}`;
    writeFileSync(path.join(dir, 'outbox', 'zh.eml'), mail('你的 MIMS 一次性密码（OTP #3）是 246810'));
    writeFileSync(path.join(dir, 'outbox', 'hidden.eml'), mail('密码 Kettle-Morning-Garden-58'));
    const secrets = new Set([
      'Blue-Otter-Lantern-7', 'JBSW Y3DP EHPK 3PXP', '123456', '654321', 'Sunrise-Harbor-42', 'never-written',
      'Pelican-Harbour-Sky-2048', '246810', 'Kettle-Morning-Garden-58',
    ]);
    const found = findSecrets(dir, secrets, 'log line with never-written in it');
    assert.deepEqual(
      found.sort(),
      [
        'gatehouse.db-wal: Blu…',
        'log: nev…',
        'nested/note.txt: JBS…',
        `outbox${path.sep}leak.eml: Pel…`,
        `outbox${path.sep}hidden.eml: Ket…`,
      ].sort(),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
