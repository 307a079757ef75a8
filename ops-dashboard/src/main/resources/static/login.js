'use strict';
(function () {
  const form = document.getElementById('login-form');
  const error = document.getElementById('login-error');
  if (location.search.includes('denied')) {
    error.textContent = 'Your token does not carry role ops.';
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const token = document.getElementById('token').value.trim();
    try {
      const response = await fetch('/api/session', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'ops-dashboard' },
        body: JSON.stringify({ token })
      });
      if (response.ok) {
        location.href = '/';
        return;
      }
      const problem = await response.json().catch(() => ({}));
      error.textContent = (problem.title || ('HTTP ' + response.status)) + (problem.detail ? ': ' + problem.detail : '');
    } catch (e) {
      error.textContent = 'The dashboard did not answer: ' + e.message;
    }
  });
})();
