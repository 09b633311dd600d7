import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config'

describe('configuration', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: undefined,
      demoPassword: 'selfserve-demo',
      trustProxy: false,
    })
  })

  it('names each bad setting and why', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(ConfigError)
    // Caught here, not in a try/catch around the expectations: if it did not throw, they would never run.
    const error = (() => {
      try {
        loadConfig({ PORT: '70000', DEMO_PASSWORD: 'short' })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(String(error)).toContain('PORT="70000"')
    expect(String(error)).toContain('DEMO_PASSWORD=(hidden)')
    expect(String(error)).not.toContain('short')
  })

  it('reads flags', () => {
    expect(loadConfig({ DEMO_DATA: '1', TRUST_PROXY: 'true' })).toMatchObject({ demoData: true, trustProxy: true })
    expect(loadConfig({ DEMO_DATA: '0' }).demoData).toBe(false)
  })
})
