// Emoji shortcodes the client knows (Slack's names for the common ones); unknown `:names:` stay as text.
export const EMOJI: Record<string, string> = {
  '+1': '👍', thumbsup: '👍', '-1': '👎', thumbsdown: '👎', smile: '😄', smiley: '😃', grinning: '😀', joy: '😂',
  laughing: '😆', wink: '😉', blush: '😊', slightly_smiling_face: '🙂', heart_eyes: '😍', thinking_face: '🤔',
  neutral_face: '😐', sweat_smile: '😅', cry: '😢', sob: '😭', rage: '😡', scream: '😱', sunglasses: '😎',
  upside_down_face: '🙃', heart: '❤️', broken_heart: '💔', fire: '🔥', tada: '🎉', rocket: '🚀', eyes: '👀',
  clap: '👏', pray: '🙏', wave: '👋', ok_hand: '👌', muscle: '💪', raised_hands: '🙌', point_up: '☝️',
  white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', warning: '⚠️', question: '❓', exclamation: '❗',
  bulb: '💡', star: '⭐', sparkles: '✨', zap: '⚡', coffee: '☕', pizza: '🍕', beer: '🍺', cake: '🍰',
  calendar: '📅', memo: '📝', pushpin: '📌', paperclip: '📎', lock: '🔒', key: '🔑', bell: '🔔', no_bell: '🔕',
  house: '🏠', car: '🚗', palm_tree: '🌴', sun_with_face: '🌞', cloud: '☁️', snowflake: '❄️', hundred: '💯',
  100: '💯', speech_balloon: '💬', bug: '🐛', hammer_and_wrench: '🛠️', computer: '💻', chart_with_upwards_trend: '📈',
  headphones: '🎧', spiral_calendar_pad: '🗓️', face_with_thermometer: '🤒', airplane: '✈️', books: '📚',
  raising_hand: '🙋', see_no_evil: '🙈', skull: '💀', party_popper: '🎉', green_heart: '💚', blue_heart: '💙',
  large_green_circle: '🟢', red_circle: '🔴', crossed_fingers: '🤞', handshake: '🤝', thumbsup_all: '👍',
};

/** The reactions offered first in the picker. */
export const QUICK_REACTIONS = ['+1', 'heart', 'joy', 'tada', 'eyes', 'white_check_mark', 'rocket', 'pray'];

export function emojiChar(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(EMOJI, name) ? EMOJI[name] : undefined;
}

export function emojiNames(prefix: string, limit = 8): string[] {
  const p = prefix.toLowerCase();
  return Object.keys(EMOJI).filter((n) => n.startsWith(p)).slice(0, limit);
}
