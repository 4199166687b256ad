import { describe, expect, it } from 'vitest';
import { SettingsPublisher } from '../../../../electron/core/engine/settings-publisher.js';
import { defaultSettings, type Settings } from '../../../../shared/settings.js';

describe('SettingsPublisher', () => {
  it('sends nothing until the settings change, then the whole settings once per change', () => {
    let current = defaultSettings();
    const sent: Settings[] = [];
    const publisher = new SettingsPublisher(() => current, (s) => sent.push(s));
    publisher.publish();
    expect(sent).toEqual([]);
    current = { ...current, killSwitch: true };
    publisher.publish();
    publisher.publish();
    expect(sent).toEqual([current]);
  });

  it('a store that builds a fresh but equal object on each read (another instance, re-read) sends nothing', () => {
    const sent: Settings[] = [];
    let killSwitch = false;
    const publisher = new SettingsPublisher(() => ({ ...defaultSettings(), killSwitch }), (s) => sent.push(s));
    publisher.publish();
    publisher.publish();
    expect(sent).toEqual([]);
    killSwitch = true;
    publisher.publish();
    expect(sent.map((s) => s.killSwitch)).toEqual([true]);
  });
});
