// Test-runner commands that reach Playwright for what in-page code cannot see:
// the browser context's real cookie jar (with SameSite, expiry and path), and
// role-based queries that compute accessible names the way assistive
// technology does (through shadow roots).

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function cookieJarPlugin() {
  return {
    name: 'cookie-jar',
    async executeCommand({ command, session, payload }) {
      const page = () => session.browser.getPage(session.id);
      switch (command) {
        case 'cookie-jar':
          return page().context().cookies();
        case 'clear-cookie-jar':
          await page().context().clearCookies();
          return true;
        case 'count-role': {
          const { role, name } = payload;
          const locator = page().getByRole(role, { name, exact: true });
          let visible = 0;
          for (const element of await locator.all()) if (await element.isVisible()) visible += 1;
          return visible;
        }
        default:
          return undefined;
      }
    },
  };
}
