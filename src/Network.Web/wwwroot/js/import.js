// The import page's mapping form: choosing what a file holds shows that kind's fields at once (a preview, which
// writes nothing, redraws the form), and after a preview the page opens at its result.
const form = document.querySelector('textarea[name=MappingJson]')?.closest('form');
const preview = form?.querySelector('button[formaction*="handler=Preview"]');
if (form && preview) {
  for (const select of form.querySelectorAll('select[name$=".Target"]')) {
    select.addEventListener('change', () => form.requestSubmit(preview));
  }
}
document.getElementById('preview')?.scrollIntoView({ block: 'start' });

// While a folder on the server is being imported, the page is read again every two seconds to show how far it is.
if (document.querySelector('[data-import-running]')) setTimeout(() => location.reload(), 2000);
