#!/bin/bash
# Shared by koompi-install-setup, koompi-first-boot and koompi-first-login
# (sourced): messages in Khmer and English, one-time codes, password hashes and
# writes to /etc/shadow on a read-only root (docs/first-boot.md).
# shellcheck disable=SC2034

KOOMPI_CODES=${KOOMPI_CODES:-/var/lib/koompi/one-time-codes}
KOOMPI_MIN_PASSWORD=8

koompi_lang() { # km unless the person's (or the system's) language is English
  local l=${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}
  if [[ -z "$l" && -r /etc/locale.conf ]]; then l=$(sed -n 's/^LANG=//p' /etc/locale.conf | tail -n 1); fi
  case "$l" in en* | C | C.* | POSIX) echo en ;; *) echo km ;; esac
}

declare -A KOOMPI_MSG_km=(
  [pw.new]='ពាក្យសម្ងាត់ថ្មីសម្រាប់ {user}៖ '
  [pw.confirm]='បញ្ជាក់ពាក្យសម្ងាត់៖ '
  [pw.short]='ពាក្យសម្ងាត់ត្រូវមានយ៉ាងហោចណាស់ {min} តួអក្សរ។'
  [pw.mismatch]='ពាក្យសម្ងាត់ទាំងពីរមិនដូចគ្នាទេ។'
  [pw.name]='ពាក្យសម្ងាត់មិនត្រូវដូចឈ្មោះគណនីទេ។'
  [pw.code]='សូមជ្រើសរើសពាក្យសម្ងាត់ថ្មី មិនមែនកូដប្រើម្ដងរបស់អ្នកទេ។'
  [pw.gaveup]='មិនបានកំណត់ពាក្យសម្ងាត់ទេ។'
  [install.admin]='ជ្រើសរើសពាក្យសម្ងាត់របស់អ្នកគ្រប់គ្រង {user} (យ៉ាងហោចណាស់ {min} តួអក្សរ)។'
  [first.intro]='សូមស្វាគមន៍ {user}។ អ្នកបានចូលដោយកូដប្រើម្ដង។ សូមជ្រើសរើសពាក្យសម្ងាត់ផ្ទាល់ខ្លួនឥឡូវនេះ។ កូដនេះនឹងមិនអាចប្រើបានទៀតទេ។'
  [first.done]='ពាក្យសម្ងាត់របស់អ្នកត្រូវបានប្ដូរហើយ។ សូមប្រើវាចាប់ពីពេលនេះតទៅ។'
  [first.failed]='ពាក្យសម្ងាត់របស់អ្នកមិនត្រូវបានប្ដូរទេ។ អ្នកនឹងត្រូវចាកចេញ។ សូមសុំកូដប្រើម្ដងថ្មីពីគ្រូ។'
  [code.used]='កូដប្រើម្ដងនេះត្រូវបានប្រើរួចហើយ។ សូមសុំកូដថ្មីពីគ្រូ ឬពីអ្នកគ្រប់គ្រងព័ត៌មានវិទ្យារបស់សាលា។'
  [code.none]='{user} មិនមានកូដប្រើម្ដងទេ។ សូមប្ដូរពាក្យសម្ងាត់ដោយ passwd។'
  [admin.none]='កម្មវិធីដំឡើងមិនបានកំណត់ពាក្យសម្ងាត់សម្រាប់ {user} ទេ៖ គ្មានគណនីណាមួយត្រូវបានបង្កើតទេ។ សូមដំឡើង KOOMPI ម្ដងទៀត។'
  [list.header]='ឈ្មោះ,តួនាទី,កូដប្រើម្ដង'
  [list.written]='កូដប្រើម្ដងស្ថិតនៅក្នុង {file} (មានតែ {user} ទេដែលអាចអានបាន)។ សូមបោះពុម្ព ហើយប្រគល់កូដទៅម្នាក់ៗ។'
  [role.koompi-teacher]='គ្រូ'
  [role.koompi-student]='សិស្ស'
  [role.koompi-guest]='ភ្ញៀវ'
)
declare -A KOOMPI_MSG_en=(
  [pw.new]='New password for {user}: '
  [pw.confirm]='Confirm the password: '
  [pw.short]='The password must have at least {min} characters.'
  [pw.mismatch]='The two passwords are not the same.'
  [pw.name]='The password must not be the account name.'
  [pw.code]='Choose a new password, not your one-time code.'
  [pw.gaveup]='No password was set.'
  [install.admin]='Choose the password of the administrator {user} (at least {min} characters).'
  [first.intro]='Welcome, {user}. You signed in with a one-time code. Choose your own password now; the code will not work again.'
  [first.done]='Your password is changed. Use it from now on.'
  [first.failed]='Your password was not changed. You will be signed out; ask your teacher for a new one-time code.'
  [code.used]="This one-time code has been used. Ask your teacher or your school's IT admin for a new one."
  [code.none]='{user} has no one-time code: change the password with passwd.'
  [admin.none]='The installer set no password for {user}: no account was made. Install KOOMPI again.'
  [list.header]='name,role,one-time code'
  [list.written]='The one-time codes are in {file} (only {user} can read it). Print it and hand each person their code.'
  [role.koompi-teacher]='teacher'
  [role.koompi-student]='student'
  [role.koompi-guest]='guest'
)

msg() { # KEY [name=value]… → the message in the person's language
  local key=$1 text pair
  shift
  if [[ "$(koompi_lang)" == en ]]; then text=${KOOMPI_MSG_en[$key]:-$key}; else text=${KOOMPI_MSG_km[$key]:-$key}; fi
  for pair in "$@"; do text=${text//"{${pair%%=*}}"/${pair#*=}}; done
  printf '%s' "$text"
}
say() { msg "$@"; echo; }

valid_user() { [[ "$1" =~ ^[a-z_][a-z0-9_-]{0,31}$ ]]; }

new_code() { # 8 characters from /dev/urandom, without look-alikes (0 o 1 l i)
  local code
  code=$(LC_ALL=C tr -dc 'abcdefghjkmnpqrstuvwxyz23456789' </dev/urandom 2>/dev/null | head -c 8) || true
  [[ ${#code} -eq 8 ]] || return 1
  printf '%s' "$code"
}

hash_password() { # password on stdin → SHA-512 crypt hash on stdout
  openssl passwd -6 -stdin
}

# read_new_password USER [CODE_HASH]: two lines (new, confirm) from stdin, not
# echoed on a terminal; checks them; sets NEW_PASSWORD. Returns 1 if refused.
read_new_password() {
  local user=$1 code_hash=${2:-} first second salt
  NEW_PASSWORD=""
  if [[ -t 0 ]]; then
    IFS= read -rs -p "$(msg pw.new user="$user")" first || return 1
    echo >&2
    IFS= read -rs -p "$(msg pw.confirm)" second || return 1
    echo >&2
  else
    IFS= read -r first || return 1
    IFS= read -r second || return 1
  fi
  if [[ "$first" != "$second" ]]; then say pw.mismatch >&2; return 1; fi
  if ((${#first} < KOOMPI_MIN_PASSWORD)); then say pw.short min="$KOOMPI_MIN_PASSWORD" >&2; return 1; fi
  if [[ "$first" == "$user" ]]; then say pw.name >&2; return 1; fi
  if [[ "$code_hash" == "\$6\$"* ]]; then
    salt=${code_hash#\$6\$}
    salt=${salt%%\$*}
    if [[ "$(printf '%s\n' "$first" | openssl passwd -6 -salt "$salt" -stdin)" == "$code_hash" ]]; then
      say pw.code >&2
      return 1
    fi
  fi
  NEW_PASSWORD=$first
}

# with_writable_root CMD…: runs CMD where /etc can be written. On a read-only
# root it gets its own mount namespace in which / alone is remounted
# read-write: everyone else keeps seeing a read-only /.
with_writable_root() {
  if findmnt -n -o OPTIONS / | tr , '\n' | grep -qx ro; then
    unshare -m --propagation private -- sh -c 'mount -o remount,bind,rw / && exec "$@"' sh "$@"
  else
    "$@"
  fi
}

# set_password_hash USER HASH: the hash goes through stdin, never argv.
set_password_hash() {
  printf '%s:%s\n' "$1" "$2" | with_writable_root chpasswd -e
}

shadow_hash() { getent shadow "$1" | cut -d: -f2; }
