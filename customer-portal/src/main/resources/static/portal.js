// The customer page's script: checks files before they are sent (type and size, with the API's own limits, which
// the page puts on the form) and keeps an open case up to date. The API checks everything again; nothing here
// decides anything.
(function () {
  'use strict';

  function extensionType(name) {
    var lower = (name || '').toLowerCase();
    if (lower.endsWith('.png')) { return 'image/png'; }
    if (lower.endsWith('.jpg') || lower.endsWith('.jpeg')) { return 'image/jpeg'; }
    if (lower.endsWith('.pdf')) { return 'application/pdf'; }
    if (lower.endsWith('.csv')) { return 'text/csv'; }
    return '';
  }

  function checkFiles(form) {
    var input = form.querySelector('input[type=file]');
    var list = form.querySelector('.file-checks');
    var submit = form.querySelector('button[type=submit]');
    var maxSize = Number(form.dataset.maxFileSize);
    var maxFiles = Number(form.dataset.maxFiles);
    var maxRequest = Number(form.dataset.maxRequestSize);
    var allowed = (form.dataset.allowedTypes || '').split(',');
    var files = Array.prototype.slice.call(input.files || []);
    var ok = true;
    var total = 0;
    list.textContent = '';
    files.forEach(function (file) {
      var item = document.createElement('li');
      var type = allowed.indexOf(file.type) >= 0 ? file.type : extensionType(file.name);
      var problem = null;
      total += file.size;
      if (allowed.indexOf(type) < 0) {
        problem = form.dataset.msgWrongType;
      } else if (file.size > maxSize) {
        problem = form.dataset.msgTooLarge;
      }
      item.textContent = file.name + ': ' + (problem || form.dataset.msgReady);
      item.className = problem ? 'file-problem' : 'file-ok';
      ok = ok && !problem;
      list.appendChild(item);
    });
    if (files.length > maxFiles || total > maxRequest) {
      var many = document.createElement('li');
      many.textContent = form.dataset.msgTooMany;
      many.className = 'file-problem';
      list.appendChild(many);
      ok = false;
    }
    submit.disabled = !ok;
  }

  function wireUpload(form) {
    var input = form.querySelector('input[type=file]');
    var zone = form.querySelector('.drop');
    input.addEventListener('change', function () { checkFiles(form); });
    if (zone) {
      zone.addEventListener('dragover', function (event) {
        event.preventDefault();
        zone.classList.add('over');
      });
      zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
      zone.addEventListener('drop', function (event) {
        event.preventDefault();
        zone.classList.remove('over');
        var transfer = new DataTransfer();
        Array.prototype.forEach.call(input.files || [], function (file) { transfer.items.add(file); });
        Array.prototype.forEach.call(event.dataTransfer.files, function (file) { transfer.items.add(file); });
        input.files = transfer.files;
        checkFiles(form);
      });
    }
  }

  function wireAll(root) {
    Array.prototype.forEach.call(root.querySelectorAll('form.upload-form'), wireUpload);
  }

  // An open case: ask for the live part again and swap it in when the case changed (status or last change).
  function follow(live) {
    var every = Number(live.dataset.refresh) || 3000;
    setInterval(function () {
      var current = document.getElementById('live');
      if (current.contains(document.activeElement) && document.activeElement.type === 'file') {
        return; // the customer is choosing files: do not take the form away under them
      }
      fetch(current.dataset.source, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var next = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
          if (next && next.dataset.version !== current.dataset.version) {
            current.replaceWith(next);
            wireAll(next);
          }
        })
        .catch(function () { /* the next round tries again */ });
    }, every);
  }

  document.addEventListener('DOMContentLoaded', function () {
    wireAll(document);
    var live = document.getElementById('live');
    if (live) { follow(live); }
  });
}());
