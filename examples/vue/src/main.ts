import { init } from 'consent-gate';
import { CONSENT_GATE } from 'consent-gate/vue';
import { createApp } from 'vue';
import { CONFIG } from '../../shared/config';
import App from './App.vue';

// Once, when the browser loads the app; every component's useConsent() reads it.
const gate = init(CONFIG);
createApp(App).provide(CONSENT_GATE, gate).mount('#app');
