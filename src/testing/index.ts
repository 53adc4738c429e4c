// The `gemini-output-guard/testing` entry: a loopback Gemini-compatible server for tests.
export {};
