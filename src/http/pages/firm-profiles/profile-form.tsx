import { FIELD_NAMES } from "../../../core/companies/company.schema.js";
import type { Vocabulary } from "../../../core/companies/vocabulary.js";
import type { Issue } from "../../../core/errors.js";
import { CsrfField } from "../account/account-components.js";
import type { Viewer } from "../account/account-context.js";
import { companiesText } from "../companies/portal-layout.js";
import {
  CheckboxGroup,
  ErrorSummary,
  errorFor,
  SelectField,
  TextArea,
  TextField,
  type Choice,
} from "../components/form-fields.js";
import { kitText } from "../components/kit-text.js";
import type { PageContext } from "../context.js";
import {
  BASIC_FIELDS,
  CONTACT_FIELDS,
  EXTRA_CERTIFICATIONS,
  EXTRA_MACHINES,
  type TEXT_FIELDS,
  VISIBILITY_FIELDS,
  type FormBody,
} from "./profile-form.parse.js";
import { fieldIds, filledIndex, list, rows, v } from "./profile-form.ids.js";
import { profilesText } from "./profiles-text.js";

const LONG = new Set(["products", "pr", "address"]);
const HINTS = {
  employees: "employeesHint",
  capital: "capitalHint",
  founded: "foundedHint",
  corporateNumber: "corporateNumberHint",
  industryCode: "industryHint",
} as const;

/**
 * The profile form of a company, for the firm (its own fields) and for the city (notes, listing
 * and verification too). Plain fields, checkboxes for processes and materials, and rows for
 * certifications and machines; without JavaScript, more empty rows come after each save.
 */
export function ProfileForm(props: {
  ctx: PageContext;
  viewer: Viewer;
  vocab: Vocabulary;
  action: string;
  values: FormBody;
  issues: readonly Issue[];
  baseVersion?: number | undefined;
  staff: boolean;
  submitLabel: string;
}) {
  const { ctx, values, issues, vocab } = props;
  const p = profilesText(ctx);
  const t = companiesText(ctx);
  const kit = kitText(ctx.lang);
  const label = (f: keyof typeof t.fields) => t.fields[f];
  const err = (path: string) => errorFor(issues, path);
  const name = (term: { name: string; nameEn: string }) =>
    ctx.lang === "en" && term.nameEn ? `${term.name} (${term.nameEn})` : term.name;
  const processChoices: Choice[] = vocab.list("process").map((term) => ({
    value: term.name,
    label: term.parent ? `　${name(term)}` : name(term),
  }));
  const materialChoices: Choice[] = vocab
    .list("material")
    .map((term) => ({ value: term.name, label: name(term) }));
  const kinds: Choice[] = [
    { value: "", label: p.noneChoice },
    ...vocab.list("equipment").map((term) => ({ value: term.name, label: name(term) })),
  ];
  const certs: Choice[] = [
    { value: "", label: p.noneChoice },
    ...vocab.list("certification").map((term) => ({ value: term.name, label: name(term) })),
  ];
  const machineRows = rows(values, "eq") + EXTRA_MACHINES;
  const certRows = rows(values, "cert") + EXTRA_CERTIFICATIONS;
  const textField = (f: (typeof TEXT_FIELDS)[number]) => {
    const hintKey = HINTS[f as keyof typeof HINTS] as keyof typeof p | undefined;
    const hint = hintKey ? (p[hintKey] as string) : undefined;
    return LONG.has(f) ? (
      <TextArea
        key={f}
        id={`pf-${f}`}
        name={f}
        label={label(f)}
        value={v(values, f)}
        error={err(f)}
        rows={3}
      />
    ) : (
      <TextField
        key={f}
        id={`pf-${f}`}
        name={f}
        label={label(f)}
        value={v(values, f)}
        hint={hint}
        error={err(f)}
        required={f === "name" || f === "town"}
        type={f === "email" ? "email" : f === "phone" || f === "fax" ? "tel" : f === "url" ? "url" : "text"}
      />
    );
  };
  return (
    <>
      <ErrorSummary text={kit} issues={issues} fields={fieldIds(values)} />
      <form method="post" action={props.action} class="profile-form" novalidate>
        <CsrfField viewer={props.viewer} />
        {props.baseVersion !== undefined ? (
          <input type="hidden" name="baseVersion" value={String(props.baseVersion)} />
        ) : null}
        <fieldset class="kit-fieldset profile-form__group">
          <legend class="kit-legend">{p.basics}</legend>
          {BASIC_FIELDS.map(textField)}
        </fieldset>
        <fieldset class="kit-fieldset profile-form__group">
          <legend class="kit-legend">{p.contact}</legend>
          {CONTACT_FIELDS.map(textField)}
        </fieldset>
        <CheckboxGroup
          id="pf-processes"
          name="processes"
          label={t.fields.processes}
          hint={p.processesHint}
          error={err("processes")}
          choices={processChoices}
          values={list(values, "processes")}
          columns
        />
        <CheckboxGroup
          id="pf-materials"
          name="materials"
          label={t.fields.materials}
          hint={p.materialsHint}
          error={err("materials")}
          choices={materialChoices}
          values={list(values, "materials")}
          columns
        />
        <fieldset class="kit-fieldset profile-form__group">
          <legend class="kit-legend">{p.certificationsLegend}</legend>
          <p class="kit-hint">{p.rowsHint}</p>
          {Array.from({ length: certRows }, (_, i) => {
            const at = `certifications[${filledIndex(values, "cert", "name", i)}]`;
            const filled = v(values, `cert-${i}-name`) !== "";
            return (
              <div class="profile-form__row" key={i}>
                <SelectField
                  id={`cert-${i}-name`}
                  label={p.certName(i + 1)}
                  value={v(values, `cert-${i}-name`)}
                  choices={certs}
                  error={filled ? err(`${at}.name`) : undefined}
                />
                <TextField
                  id={`cert-${i}-number`}
                  label={p.certNumber(i + 1)}
                  value={v(values, `cert-${i}-number`)}
                />
                <TextField
                  id={`cert-${i}-expires`}
                  label={p.certExpires(i + 1)}
                  hint={p.certExpiresHint}
                  value={v(values, `cert-${i}-expires`)}
                  error={filled ? err(`${at}.expires`) : undefined}
                  width="medium"
                />
              </div>
            );
          })}
        </fieldset>
        <fieldset class="kit-fieldset profile-form__group">
          <legend class="kit-legend">{p.equipmentLegend}</legend>
          <p class="kit-hint">{p.rowsHint}</p>
          {Array.from({ length: machineRows }, (_, i) => {
            const at = `equipment[${filledIndex(values, "eq", "kind", i)}]`;
            const filled = v(values, `eq-${i}-kind`) !== "";
            return (
              <fieldset class="kit-fieldset profile-form__machine" key={i}>
                <legend class="kit-legend">{p.machine(i + 1)}</legend>
                <SelectField
                  id={`eq-${i}-kind`}
                  label={p.machineKind}
                  value={v(values, `eq-${i}-kind`)}
                  choices={kinds}
                  error={filled ? err(`${at}.kind`) : undefined}
                />
                <TextField id={`eq-${i}-maker`} label={p.machineMaker} value={v(values, `eq-${i}-maker`)} />
                <TextField id={`eq-${i}-model`} label={p.machineModel} value={v(values, `eq-${i}-model`)} />
                <TextField
                  id={`eq-${i}-count`}
                  label={p.machineCount}
                  value={v(values, `eq-${i}-count`)}
                  inputMode="numeric"
                  width="short"
                  error={filled ? err(`${at}.count`) : undefined}
                />
                <TextField
                  id={`eq-${i}-specs`}
                  label={p.machineSpecs}
                  hint={p.machineSpecsHint}
                  value={v(values, `eq-${i}-specs`)}
                  error={filled ? err(`${at}.specs`) : undefined}
                />
              </fieldset>
            );
          })}
        </fieldset>
        <CheckboxGroup
          id="pf-private"
          name="private"
          label={p.privateFields}
          hint={p.privateFieldsHint}
          error={err("fields")}
          choices={VISIBILITY_FIELDS.map((f) => ({ value: f, label: t.fields[f] }))}
          values={list(values, "private")}
          columns
        />
        {props.staff ? (
          <>
            <TextArea
              id="pf-notes"
              name="notes"
              label={p.notes}
              value={v(values, "notes")}
              error={err("notes")}
            />
            <div class="kit-field">
              <div class="kit-checkbox">
                <input
                  id="pf-listed"
                  type="checkbox"
                  name="listed"
                  value="yes"
                  checked={v(values, "listed") === "yes"}
                />
                <label for="pf-listed">{p.listed}</label>
              </div>
            </div>
            <CheckboxGroup
              id="pf-verify"
              name="verify"
              label={p.verifyFields}
              hint={p.verifyFieldsHint}
              choices={FIELD_NAMES.filter((f) => f !== "location" && f !== "notes").map((f) => ({
                value: f,
                label: t.fields[f],
              }))}
              values={list(values, "verify")}
              columns
            />
          </>
        ) : null}
        <button type="submit" class="button">
          {props.submitLabel}
        </button>
      </form>
    </>
  );
}
