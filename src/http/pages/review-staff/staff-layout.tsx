import type { ComponentChildren } from "preact";
import type { PlanMeta } from "../../../core/plan/plan.schema.js";
import { SignedInBar } from "../account/account-components.js";
import { accountText, accountUrls, hasRole, type Viewer } from "../account/account-context.js";
import { urls, type PageContext } from "../context.js";
import { Layout, type Crumb } from "../layout.js";
import { staffText, staffUrls } from "./staff-context.js";

/** Who is signed in, the staff pages of this plan, and sign-out. */
function StaffBar({ ctx, viewer, plan }: { ctx: PageContext; viewer: Viewer; plan: PlanMeta }) {
  const a = accountText(ctx);
  const s = staffText(ctx);
  const items: [string, string][] = [[s.navReviews, staffUrls.reviews(plan.id)]];
  if (hasRole(viewer, "plan_manager")) items.push([s.navProposals, staffUrls.proposals(plan.id)]);
  items.push([a.navMyAccount, accountUrls.account()]);
  return <SignedInBar ctx={ctx} viewer={viewer} items={items} />;
}

/** The layout of a staff page of a plan: the plan's header, the staff bar, the crumbs and a title. */
export function StaffLayout(props: {
  ctx: PageContext;
  viewer: Viewer;
  plan: PlanMeta;
  title: string;
  crumbs?: Crumb[];
  eyebrow?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { ctx, plan } = props;
  const crumbs: Crumb[] = [
    { label: ctx.t.home, href: urls.home() },
    { label: plan.title, href: urls.plan(plan.id) },
    ...(props.crumbs ?? []),
    { label: props.title },
  ];
  return (
    <Layout ctx={ctx} title={props.title} plan={plan} crumbs={crumbs} bodyClass="account staff">
      <StaffBar ctx={ctx} viewer={props.viewer} plan={plan} />
      {props.eyebrow ? <p class="eyebrow">{props.eyebrow}</p> : null}
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}
