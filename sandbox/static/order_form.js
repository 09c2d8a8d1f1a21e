// The order form: posts JSON to /api/orders with one Idempotency-Key per order attempt.
//
// The key is kept in a hidden field and reused for every retry and resend of the
// same attempt, so that the server creates the order exactly once; it is renewed
// only after a success. While a request is in flight the submit buttons are
// disabled. When the network fails, everything typed stays in the form.
//
// Two fault switches reach this script through data- attributes on the form:
//   data-idempotent="false"     (duplicate_submit)  a new key per click, no disabling
//   data-clear-on-send="true"   (offline_data_loss) the form is cleared when sending
'use strict';

(function () {
  const form = document.getElementById('order-form');
  if (!form) {
    return;
  }
  const config = form.dataset;
  const idempotent = config.idempotent === 'true';
  const clearOnSend = config.clearOnSend === 'true';
  const keyField = form.elements.namedItem('idempotency_key');
  const alertBox = document.getElementById('form-alert');
  const statusBox = document.getElementById('form-status');
  const linesBox = document.getElementById('order-lines');
  const template = document.getElementById('line-template');
  const submitButtons = Array.from(form.querySelectorAll('button[type="submit"]'));
  let inFlight = false;

  function newKey() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    // randomUUID needs a secure context; plain http on a LAN address lacks it
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
  }

  function lines() {
    return Array.from(linesBox.querySelectorAll('[data-line]'));
  }

  // keep legends, ids and label targets in step after adding or removing a line
  function renumber() {
    const all = lines();
    all.forEach((line, index) => {
      line.querySelector('legend').textContent = config.lineLabel.replace('{n}', String(index + 1));
      line.querySelectorAll('[data-field]').forEach((control) => {
        control.id = 'f-lines-' + index + '-' + control.dataset.field;
      });
      line.querySelectorAll('label[data-for]').forEach((label) => {
        label.htmlFor = 'f-lines-' + index + '-' + label.dataset.for;
      });
      line.querySelector('[data-remove]').disabled = all.length === 1;
    });
  }

  function addLine() {
    const fragment = template.content.cloneNode(true);
    fragment.querySelectorAll('.field-error').forEach((node) => node.remove());
    linesBox.appendChild(fragment);
    renumber();
    const added = lines().pop();
    added.querySelector('[data-field="product_id"]').focus();
  }

  function prefillPrice(select) {
    const option = select.selectedOptions[0];
    const price = select.closest('[data-line]').querySelector('[data-field="unit_price"]');
    if (option && option.dataset.price) {
      price.value = option.dataset.price;
    }
  }

  function showAlert(text, details) {
    alertBox.textContent = '';
    const lead = document.createElement('p');
    lead.textContent = text;
    alertBox.appendChild(lead);
    if (details.length) {
      const list = document.createElement('ul');
      details.forEach((item) => {
        const entry = document.createElement('li');
        entry.textContent = item;
        list.appendChild(entry);
      });
      alertBox.appendChild(list);
    }
    alertBox.hidden = false;
    alertBox.focus();
  }

  function clearAlert() {
    alertBox.hidden = true;
    alertBox.textContent = '';
  }

  function setBusy(busy) {
    inFlight = busy;
    submitButtons.forEach((button) => {
      button.disabled = busy;
    });
    form.setAttribute('aria-busy', busy ? 'true' : 'false');
    statusBox.textContent = busy ? config.msgSending : '';
  }

  // whole numbers travel as numbers; anything else as typed, for the server to judge
  function asNumber(text) {
    const value = text.trim();
    if (value === '') {
      return null;
    }
    return /^[0-9]+$/.test(value) ? Number(value) : value;
  }

  function payload(submit) {
    return {
      customer_id: asNumber(form.elements.namedItem('customer_id').value),
      lines: lines().map((line) => ({
        product_id: asNumber(line.querySelector('[data-field="product_id"]').value),
        quantity: asNumber(line.querySelector('[data-field="quantity"]').value),
        unit_price: line.querySelector('[data-field="unit_price"]').value.trim(),
      })),
      note: form.elements.namedItem('note').value,
      submit: submit,
    };
  }

  function resetForm() {
    form.reset();
    lines().slice(1).forEach((line) => line.remove());
    renumber();
  }

  function fieldMessages(data) {
    if (!data || typeof data.errors !== 'object' || data.errors === null) {
      return [];
    }
    return Object.values(data.errors).filter((text) => typeof text === 'string');
  }

  async function send(submit) {
    let key;
    if (idempotent) {
      if (inFlight) {
        return;
      }
      setBusy(true);
      key = keyField.value;
    } else {
      key = newKey(); // fault duplicate_submit: every click is a new attempt
    }
    const body = JSON.stringify(payload(submit));
    if (clearOnSend) {
      resetForm(); // fault offline_data_loss: cleared before we know it was saved
    }
    clearAlert();
    let response;
    try {
      response = await fetch(config.api, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Idempotency-Key': key,
          'X-CSRF-Token': form.elements.namedItem('csrf_token').value,
        },
        body: body,
      });
    } catch (error) {
      // fetch rejects only when no response came back: offline, DNS, connection reset
      setBusy(false);
      showAlert(config.msgNetwork, []);
      return;
    }
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    if (response.ok && data && data.id) {
      keyField.value = newKey(); // the attempt succeeded: the next one is a new order
      const done = submit ? 'created_submitted' : 'created_draft';
      window.location.assign('/orders/' + encodeURIComponent(data.id) + '?done=' + done);
      return; // stay busy while the browser navigates away
    }
    if (response.status === 401) {
      // the session ended while the user was typing: nothing was saved; say so, keep the
      // form, and offer the way back to the login page
      setBusy(false);
      showAlert(config.msgSession, []);
      const link = document.createElement('a');
      link.href = config.loginUrl;
      link.textContent = config.msgRelogin;
      alertBox.appendChild(link);
      return;
    }
    const detail = data && typeof data.detail === 'string' ? data.detail : String(response.status);
    const details = fieldMessages(data);
    setBusy(false);
    // with field messages the list says it all; otherwise the server's one message
    showAlert(details.length ? config.msgInvalid : config.msgFailed.replace('{detail}', detail), details);
  }

  keyField.value = newKey();
  renumber();
  document.getElementById('add-line').addEventListener('click', addLine);
  linesBox.addEventListener('click', (event) => {
    const button = event.target.closest('[data-remove]');
    if (button && lines().length > 1) {
      button.closest('[data-line]').remove();
      renumber();
    }
  });
  linesBox.addEventListener('change', (event) => {
    if (event.target.matches('[data-field="product_id"]')) {
      prefillPrice(event.target);
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const submitter = event.submitter;
    send(!(submitter && submitter.value === 'draft'));
  });
})();
