// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Filter forms submit on change (via htmx when present); the button stays for keyboards.
  document.querySelectorAll("form[data-autosubmit]").forEach((form) => {
    form.addEventListener("change", () => form.requestSubmit());
  });
  // Long-running posts (imports): show that work is under way and prevent a second submit.
  // Uploads: send the file with XMLHttpRequest so the bar shows how much has been sent; the
  // server answers with a redirect to the preview, or with the form and its error.
  document.querySelectorAll("form[data-upload-progress]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      const status = form.querySelector("[data-busy-status]");
      if (!status || !window.FormData) {
        return;
      }
      event.preventDefault();
      const bar = status.querySelector("progress");
      const text = status.querySelector("span");
      status.hidden = false;
      bar.max = 100;
      bar.value = 0;
      const request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.upload.addEventListener("progress", (progress) => {
        if (progress.lengthComputable) {
          const percent = Math.round((progress.loaded * 100) / progress.total);
          bar.value = percent;
          text.textContent = form.dataset.uploadText.replace("%(percent)s", percent);
        }
      });
      request.upload.addEventListener("load", () => {
        bar.removeAttribute("value"); // the server checks the rows: indeterminate
        text.textContent = form.dataset.busyText;
      });
      request.addEventListener("load", () => {
        if (request.responseURL && request.responseURL !== form.action) {
          window.location.assign(request.responseURL);
        } else {
          document.open();
          document.write(request.responseText);
          document.close();
        }
      });
      request.addEventListener("error", () => form.submit());
      request.send(new FormData(form));
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        button.disabled = true;
      });
    });
  });
  document.querySelectorAll("form[data-busy-text]:not([data-upload-progress])").forEach((form) => {
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
