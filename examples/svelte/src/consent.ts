/** The site's one gate, started once when the browser loads the app. */
import { init } from 'consent-gate';
import { CONFIG } from '../../shared/config';

export const gate = init(CONFIG);
