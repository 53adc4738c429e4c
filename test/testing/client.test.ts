import { afterEach, describe, expect, it } from 'vitest';
import {
  clearGenaiEnv,
  createTestClient,
  GENAI_ENV_VARIABLES,
  startFakeGemini,
  TEST_API_KEY,
} from '../../src/testing/index.js';

const saved = { ...process.env };

afterEach(() => {
  for (const name of GENAI_ENV_VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('clearGenaiEnv', () => {
  it('deletes every SDK variable and the restore function puts set ones back and unset ones away', () => {
    process.env.GOOGLE_GENAI_USE_VERTEXAI = 'true';
    process.env.GEMINI_API_KEY = 'from-env';
    delete process.env.GOOGLE_API_KEY;
    const restore = clearGenaiEnv();
    for (const name of GENAI_ENV_VARIABLES) expect(process.env[name]).toBeUndefined();
    process.env.GOOGLE_API_KEY = 'set-during-test';
    restore();
    expect(process.env.GOOGLE_GENAI_USE_VERTEXAI).toBe('true');
    expect(process.env.GEMINI_API_KEY).toBe('from-env');
    expect(process.env.GOOGLE_API_KEY).toBeUndefined();
  });
});

describe('createTestClient', () => {
  it('builds a Gemini API client that sends the test key to the fake even when env points elsewhere', async () => {
    process.env.GOOGLE_GEMINI_BASE_URL = 'http://127.0.0.1:9';
    process.env.GOOGLE_GENAI_API_VERSION = 'v1alpha';
    const restore = clearGenaiEnv();
    const fake = await startFakeGemini();
    try {
      const ai = createTestClient(fake.baseUrl);
      expect(ai.vertexai).toBe(false);
      await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'q' });
      expect(fake.requests[0]).toMatchObject({ apiVersion: 'v1', hasApiKey: true });
      expect(JSON.stringify(fake.requests)).not.toContain(TEST_API_KEY);
    } finally {
      await fake.close();
      restore();
    }
  });
});
