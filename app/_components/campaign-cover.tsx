import type { RenderableImage } from "@/lib/images/picture";
import { COVER_HEIGHT, COVER_WIDTH, generatedCover } from "@/lib/campaigns/generated-cover";
import { ResponsivePicture } from "./responsive-picture";

interface CampaignCoverProps {
  campaign: { slug: string; coverImage: RenderableImage | null };
  /** How wide the picture is drawn (the `sizes` attribute of an uploaded image). */
  sizes: string;
  /** Sizing and shape, the same for an uploaded and a drawn cover (e.g. an aspect ratio and rounded corners). */
  className: string;
  priority?: boolean;
}

/**
 * A campaign's cover: the uploaded image, or else a drawing of its own (lib/campaigns/generated-cover.ts),
 * so no page or card is a wall of text. The drawing is decorative: hidden from screen readers.
 */
export function CampaignCover({ campaign, sizes, className, priority = false }: CampaignCoverProps) {
  if (campaign.coverImage) {
    return <ResponsivePicture image={campaign.coverImage} sizes={sizes} className={`object-cover ${className}`} priority={priority} />;
  }
  const cover = generatedCover(campaign.slug);
  const key = `cover-${campaign.slug}`;
  return (
    <svg
      viewBox={`0 0 ${COVER_WIDTH} ${COVER_HEIGHT}`}
      preserveAspectRatio="xMidYMid slice"
      aria-hidden="true"
      focusable="false"
      className={className}
      data-testid="generated-cover"
    >
      <defs>
        <linearGradient id={`${key}-sky`} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor={cover.sky[0]} />
          <stop offset="1" stopColor={cover.sky[1]} />
        </linearGradient>
        <radialGradient id={`${key}-glow`}>
          <stop offset="0" stopColor={cover.glow.color} stopOpacity="0.9" />
          <stop offset="0.35" stopColor={cover.glow.color} stopOpacity="0.35" />
          <stop offset="1" stopColor={cover.glow.color} stopOpacity="0" />
        </radialGradient>
      </defs>
      <rect width={COVER_WIDTH} height={COVER_HEIGHT} fill={`url(#${key}-sky)`} />
      <circle cx={cover.glow.x} cy={cover.glow.y} r={cover.glow.radius} fill={`url(#${key}-glow)`} />
      <g fill="#fef3c7">
        {cover.lights.map((light, index) => (
          <circle key={index} cx={light.x} cy={light.y} r={light.r} opacity={light.opacity} />
        ))}
      </g>
      <path d={cover.hills} fill={cover.hillColor} opacity="0.85" />
    </svg>
  );
}
