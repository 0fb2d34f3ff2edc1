// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Filter forms submit on change (via htmx when present); the button stays for keyboards.
  document.querySelectorAll("form[data-autosubmit]").forEach((form) => {
    form.addEventListener("change", () => form.requestSubmit());
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
