// The change-password dialog of the user menu and of the default-password banner.
import { post } from './api.js';
import { t } from './i18n.js';
import { h, dialog, fieldRow, setFieldError, toast, errorText, fieldErrorText } from './ui.js';
import { state } from './state.js';
import { renderBanner } from './shell.js';

export function openChangePassword() {
  const current = h('input', { type: 'password', id: 'pw-current', name: 'currentPassword', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', id: 'pw-new', name: 'newPassword', autocomplete: 'new-password', required: true, minlength: '4' });
  const again = h('input', { type: 'password', id: 'pw-again', name: 'confirmPassword', autocomplete: 'new-password', required: true });
  const rows = {
    currentPassword: fieldRow({ label: t('password.current'), control: current, required: true, id: 'currentPassword' }),
    newPassword: fieldRow({ label: t('password.new'), control: next, required: true, hint: t('password.newHint'), id: 'newPassword' }),
    confirmPassword: fieldRow({ label: t('password.confirm'), control: again, required: true, id: 'confirmPassword' }),
  };
  dialog({
    title: t('user.changePassword'),
    className: 'dialog-password',
    body: [h('input', { type: 'text', autocomplete: 'username', value: state.me ? state.me.username : '', hidden: true, readonly: true }),
      rows.currentPassword, rows.newPassword, rows.confirmPassword],
    actions: [
      { label: t('common.cancel') },
      {
        label: t('password.change'), kind: 'primary', primary: true, id: 'save-password',
        onClick: async (dlg) => {
          Object.values(rows).forEach(r => setFieldError(r, null));
          if (!current.value) { setFieldError(rows.currentPassword, t('validation.required')); current.focus(); return false; }
          if (next.value.length < 4) { setFieldError(rows.newPassword, t('password.tooShort')); next.focus(); return false; }
          if (next.value !== again.value) { setFieldError(rows.confirmPassword, t('password.mismatch')); again.focus(); return false; }
          try {
            await post('/api/auth/password', { currentPassword: current.value, newPassword: next.value });
          } catch (e) {
            let focused = false;
            for (const [k, msg] of Object.entries(e.fields || {})) {
              if (rows[k]) {
                setFieldError(rows[k], fieldErrorText(msg));
                if (!focused) { rows[k].querySelector('input').focus(); focused = true; }
              }
            }
            if (!focused) dlg.setError(errorText(e));
            return false;
          }
          if (state.me) state.me.defaultPassword = false;
          renderBanner();
          toast(t('password.changed'));
          return true;
        },
      },
    ],
  });
}
