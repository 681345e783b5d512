// Kinds of AI system: the sections of the kinds ticked in screening are shown (with their menu
// entries); the others are set aside, keeping their answers for when the kind is ticked again.

/** Show the sections of the kinds ticked in the question marked data-tk-chooses-profiles. */
export function mountProfiles(q) {
  const chooser = q.form.querySelector("[data-tk-chooses-profiles]");
  if (!chooser) return;
  const sections = [...q.form.querySelectorAll("section[data-profile]")];
  const entries = new Map(sections.map((s) => [s, q.widget.querySelector(`li[data-tk-nav="${s.dataset.section}"]`)]));

  function update() {
    const chosen = new Set([...chooser.querySelectorAll("input:checked")].map((box) => box.value));
    let changed = false;
    for (const section of sections) {
      const off = !chosen.has(section.dataset.profile);
      if (off !== section.hasAttribute("data-tk-off")) changed = true;
      section.toggleAttribute("data-tk-off", off);
      const entry = entries.get(section);
      if (entry) entry.hidden = off;
    }
    if (changed) q.emit("tk:profiles", [...chosen]);
  }
  // Registered before progress and flow, so they count and step through the sections as they now are.
  q.on("tk:edited", update);
  q.on("tk:loaded", update);
  update();
}
