// Theme switcher of the demo: reloads the script-tag build with the chosen
// layout, theme and language, and shows the banner and, on request, the dialog.
const form = document.getElementById('theme-form');
let loads = 0;

function apply() {
  const data = new FormData(form);
  window.ConsentGate?.destroy();
  document.querySelectorAll('script.theme-switcher').forEach((old) => old.remove());
  const script = document.createElement('script');
  script.src = `/consent-gate.min.js?theme=${++loads}`;
  script.className = 'theme-switcher';
  script.dataset.layout = data.get('layout');
  script.dataset.theme = data.get('theme');
  script.dataset.language = data.get('language');
  script.dataset.policyUrl = '/privacy.html';
  script.onload = () => window.ConsentGate.showBanner();
  document.body.append(script);
}

form.addEventListener('change', (event) => {
  if (event.target.id === 'brand') document.body.classList.toggle('brand', event.target.checked);
  else apply();
});
document.getElementById('open-dialog').addEventListener('click', () => window.ConsentGate?.showPreferences());
apply();
