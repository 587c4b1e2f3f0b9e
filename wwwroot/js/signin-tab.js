// One-click sign-in as a customer. Browsers only allow window.open inside the user's click, but the link arrives
// later from the server, so the click opens an empty tab and the server's answer then sends that tab to the link.
let pending = null;

export function prepare(buttonId, requiredInputIds) {
  const button = document.getElementById(buttonId);
  if (!button || button.dataset.signinReady) return;
  button.dataset.signinReady = "1";
  button.addEventListener("click", () => {
    const filled = requiredInputIds.every(id => (document.getElementById(id)?.value ?? "").trim().length > 0);
    if (!button.disabled && filled && (pending === null || pending.closed)) {
      pending = window.open("", "_blank");
    }
  }, { capture: true });
}

export function navigate(url) {
  if (pending && !pending.closed) {
    pending.opener = null;
    pending.location.replace(url);
    pending = null;
    return true;
  }
  pending = null;
  return false;
}

export function cancel() {
  if (pending && !pending.closed) pending.close();
  pending = null;
}
