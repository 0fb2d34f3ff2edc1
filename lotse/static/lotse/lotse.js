// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Filter forms submit on change (via htmx when present); the button stays for keyboards.
  document.querySelectorAll("form[data-autosubmit]").forEach((form) => {
    form.addEventListener("change", () => form.requestSubmit());
  });
  // Long-running posts (imports): show that work is under way and prevent a second submit.
  document.querySelectorAll("form[data-busy-text]").forEach((form) => {
    form.addEventListener("submit", () => {
      const status = form.querySelector("[data-busy-status]");
      if (status) {
        status.hidden = false;
        status.querySelector("span").textContent = form.dataset.busyText;
      }
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        button.disabled = true;
      });
    });
  });
});

// After htmx replaced the results, tell screen readers the new count.
document.addEventListener("htmx:afterSwap", (event) => {
  const count = event.target.querySelector("#result-count");
  const status = document.getElementById("result-status");
  if (count && status) {
    status.textContent = count.textContent.trim();
  }
});
