import { byId } from './dom.js';

/**
 * What the page knows about its server: the last API call (`ok`, `down`, `unauthorized`) and the
 * live stream (`connecting`, `open`, `down`). The banner shows while either is in trouble and
 * hides by itself once both recover.
 * @typedef {'ok' | 'down' | 'unauthorized'} ApiState
 * @typedef {'connecting' | 'open' | 'down'} StreamState
 */

/** @type {{api: ApiState, stream: StreamState}} */
const state = { api: 'ok', stream: 'connecting' };

/** @param {ApiState} api */
export function setApiState(api) {
  state.api = api;
  render();
}

/** @param {StreamState} stream */
export function setStreamState(stream) {
  state.stream = stream;
  render();
}

const LIVE_TEXT = { connecting: 'connecting', open: 'live', down: 'offline' };

function render() {
  const live = byId('live');
  live.dataset.state = state.stream;
  byId('live-text').textContent = LIVE_TEXT[state.stream];
  const banner = byId('banner');
  banner.hidden = state.api === 'ok' && state.stream !== 'down';
  document.body.dataset.connection = banner.hidden ? 'ok' : 'down';
  if (state.api === 'unauthorized') {
    byId('banner-title').textContent = 'Not signed in.';
    byId('banner-text').textContent = 'This dashboard needs a gateway key: open it once as /?key=YOUR_KEY.';
  } else {
    byId('banner-title').textContent = "Can't reach ekai.";
    byId('banner-text').textContent = 'Retrying every few seconds; the figures below may be out of date.';
  }
}
